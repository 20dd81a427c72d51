import { PolicyPack, ResourceValidationPolicy } from "@pulumi/policy";
import { KubernetesRule, kubernetesRules } from "./rules";

// The policy pack the cluster test runs with `pulumi preview --policy-pack`: the rules of pulumi/examples'
// policy-packs/kubernetes-ts (see rules.ts), under the same pack name. A resource of a type a rule does not
// check is reported not applicable, as the SDK's validateResourceOfType does.

function asPolicy(rule: KubernetesRule): ResourceValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        validateResource: (args, reportViolation) => {
            const check = rule.checks[args.type];
            if (check === undefined) {
                return args.notApplicable(`Policy only applies to ${Object.keys(rule.checks).join(", ")}`);
            }
            const message = check(args.props);
            if (message !== undefined) reportViolation(message);
        },
    };
}

new PolicyPack("kubernetes", { policies: kubernetesRules.map(asPolicy) });
