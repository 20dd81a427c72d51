// `multi-container-pods/verification`: one verification for many bare pods. An entry of its own, not the
// package's main one: Pulumi infers the package's schema (every language's SDK) from the components the main
// entry exports, and a PodVerification's argument is a list of other components, which a schema cannot carry.

export { PodVerification } from "./resources/podVerification";
export type { PodVerificationArgs } from "./resources/podVerification";
export { buildGroupVerifyScript, parseGroupOutput } from "./verify/groupScript";
export type { GroupCluster, GroupMember } from "./verify/groupScript";
