// How a test looks for a secret in clear: in the forms it could travel in.

/** A secret as it could appear in clear: as is, and base64-encoded (as a Kubernetes Secret's data holds it). */
export const clearForms = (secret: string): string[] => [secret, Buffer.from(secret).toString("base64")];

/** The forms of any of `secrets` that `text` holds. */
export const clearFormsIn = (text: string, secrets: readonly string[]): string[] =>
    secrets.flatMap(clearForms).filter((form) => text.includes(form));
