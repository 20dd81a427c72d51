// The package's public API (`import { MultiContainerPod } from "multi-container-pods"`): the component, the
// typed model it accepts, and the pure helpers that let a user check, build or draw a pod without Pulumi.
// index.ts at the repository root is this project's own Pulumi program, not part of the package.

export { MultiContainerPod } from "./multiContainerPod";
export type { BasicAuthCredentials, MultiContainerPodArgs } from "./multiContainerPod";

// The model. It moves into components/ with issue 16; until then it lives beside the examples.
export type * from "../examples/types";

export { SIDECAR_MODES, buildConfigMaps, buildPod, buildService } from "./podSpec";
export type { PodBuildOptions, SidecarMode } from "./podSpec";
export { InvalidDefinitionError, formatIssue, validateExample } from "./validate";
export type { DefinitionIssue, Severity } from "./validate";
export { planPod } from "./podPlan";
export type { PodPlan } from "./podPlan";
export type { KubectlTarget } from "./kubectl";
export { DEFAULT_VERIFY_OPTIONS } from "./verify/script";
export type { VerifyOptions } from "./verify/script";
export { renderManifest } from "./manifests";
export { renderDiagramCaption, renderPodDiagram } from "./diagram";
export { buildPodGraph } from "./podGraph";
export type { DiagramDefinition, LocalhostCallDefinition, PodGraph } from "./podGraph";
