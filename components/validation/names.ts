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

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** Why `name` is not a DNS-1035 label (Service names: a DNS-1123 label that starts with a letter), or undefined. */
export function dns1035LabelProblem(name: string): string | undefined {
    const problem = dns1123LabelProblem(name);
    if (problem) return problem;
    return DNS1035_LABEL.test(name) ? undefined : `"${name}" must start with a letter: a Service is named after it`;
}

/** Why `key` is not a label key (an optional DNS subdomain prefix and '/', then a name of at most 63), or undefined. */
export function labelKeyProblem(key: string): string | undefined {
    const slash = key.lastIndexOf("/");
    const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
    if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
        return `label key "${key}": the prefix must be a DNS subdomain (lowercase, at most 253 characters)`;
    }
    if (name.length > 63 || !QUALIFIED_NAME_PART.test(name)) {
        return `label key "${key}": the name must be at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends`;
    }
    return undefined;
}

/** Why `value` is not a label value (at most 63 letters, digits, '-', '_', '.', alphanumeric at both ends), or undefined. */
export function labelValueProblem(value: string): string | undefined {
    return value.length <= 63 && LABEL_VALUE.test(value)
        ? undefined
        : `label value "${value}" must be at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends`;
}

/** Why `key` cannot name a file in a ConfigMap (its data keys), or undefined. */
export function configMapKeyProblem(key: string): string | undefined {
    if (key.length === 0 || key.length > 253 || !CONFIG_MAP_KEY.test(key) || key === "." || key.startsWith("..")) {
        return `"${key}" is not a ConfigMap key: 1 to 253 letters, digits, '-', '_' or '.', not "." and not starting with ".." (no '/')`;
    }
    return undefined;
}

/** Why `name` is not a DNS-1123 subdomain (Secret, ConfigMap, claim and service account names), or undefined. */
export function dns1123SubdomainProblem(name: string): string | undefined {
    return name.length > 0 && name.length <= 253 && DNS1123_SUBDOMAIN.test(name)
        ? undefined
        : `"${name}" is not a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters`;
}
