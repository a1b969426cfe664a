import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";

/** Every owner's balance equals the sum of its ledger rows (membership URNs draw on the team). */
export async function ledgerMismatches() {
  return db().execute<{ owner: string; balance: number; ledger: number }>(sql`
    with sums as (
      select case when owner ~ '^framecast:tm_' then 'framecast:team:' || split_part(owner, ':', 2) else owner end as owner,
             sum(delta)::int as ledger
      from credit_ledger group by 1),
    balances as (
      select 'framecast:user:usr_' || id as owner, credits as balance from users
      union all select 'framecast:team:tm_' || id, credits from teams)
    select b.owner, b.balance, coalesce(s.ledger, 0) as ledger
    from balances b left join sums s using (owner)
    where b.balance <> coalesce(s.ledger, 0)`);
}

