/**
 * `just seed`: idempotent reference data. The system asset catalog (spec part 3 §5) is loaded here
 * once the storyboard language lands; until then there is nothing to seed and this says so.
 */
process.stdout.write("seed: nothing to load yet (the system asset catalog arrives with the storyboard language)\n");
