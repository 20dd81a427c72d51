// The package's public API (`import { MultiContainerPod } from "multi-container-pods"`): the component, the
// typed model it accepts, and the pure helpers that let a user check, build or draw a pod without Pulumi.
// It is also the entry point of the source-based component package (PulumiPlugin.yaml): Pulumi infers the
// package schema from the components exported here. index.ts at the repository root is this project's own
// Pulumi program, not part of the package.

export { MultiContainerPod } from "./multiContainerPod";
export type { BasicAuthCredentials, MultiContainerPodArgs } from "./multiContainerPod";

export { ContainerRole, Pattern, SidecarMode } from "./model";
export type * from "./model";
export { placedContainers } from "./modelHelpers";
export type { PlacedContainer } from "./modelHelpers";

export { SIDECAR_MODES, buildConfigMaps, buildPod, buildService } from "./podSpec";
export type { PodBuildOptions } from "./podSpec";
export { InvalidDefinitionError, formatIssue, validateDefinition } from "./validate";
export type { DefinitionIssue, Severity } from "./validate";
export { planPod } from "./podPlan";
export type { PodPlan } from "./podPlan";
export { describePod } from "./podOutputs";
export type { ContainerDescription, PodDescription } from "./podOutputs";
export type { KubectlTarget } from "./kubectl";
export { DEFAULT_VERIFY_OPTIONS } from "./verify/script";
export type { VerifyOptions } from "./verify/script";
export { renderManifest } from "./manifests";
export { renderDiagramCaption, renderPodDiagram } from "./diagram";
export { buildPodGraph } from "./podGraph";
export type { PodGraph } from "./podGraph";
