import { Field, Input } from "@/components/ui/input";

/** The sign-in forms' email input; `errorId` ties it to the form's error message when there is one. */
export function EmailField({
  value,
  onChange,
  errorId,
}: {
  value: string;
  onChange: (email: string) => void;
  errorId?: string;
}) {
  return (
    <Field id="email" label="Email address">
      <Input
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        autoFocus
        placeholder="you@example.com"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        className="h-10"
      />
    </Field>
  );
}
