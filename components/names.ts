// Kubernetes name rules, as the API server applies them.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Why `name` is not a DNS-1123 label (pod, container, volume, namespace names), or undefined if it is. */
export function dns1123LabelProblem(name: string): string | undefined {
    if (name.length === 0) return "must not be empty";
    if (name.length > 63) return `"${name}" is ${name.length} characters; a DNS-1123 label has at most 63`;
    if (!DNS1123_LABEL.test(name)) {
        return `"${name}" is not a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit`;
    }
    return undefined;
}

/** Why `name` is not a valid container port name (IANA_SVC_NAME), or undefined if it is. */
export function portNameProblem(name: string): string | undefined {
    if (name.length === 0 || name.length > 15) return `"${name}" must be 1 to 15 characters`;
    if (!IANA_SVC_NAME.test(name) || name.includes("--") || !/[a-z]/.test(name)) {
        return `"${name}" is not a port name: lowercase letters, digits and single '-', with at least one letter`;
    }
    return undefined;
}

export function envNameProblem(name: string): string | undefined {
    return ENV_VAR_NAME.test(name) ? undefined : `"${name}" is not a valid environment variable name`;
}
