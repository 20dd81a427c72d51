// The package's public API (`import { MultiContainerPod } from "multi-container-pods"`): the component, the
// typed model it accepts, and the pure helpers that let a user check, build or draw a pod without Pulumi.
// It is also the entry point of the source-based component package (PulumiPlugin.yaml): Pulumi infers the
// package schema from the components exported here. index.ts at the repository root is this project's own
// Pulumi program, not part of the package.

export { MultiContainerPod } from "./resources/multiContainerPod";
export type { BasicAuthCredentials, MultiContainerPodArgs } from "./resources/multiContainerPod";

export {
    ConcurrencyPolicy,
    ContainerRole,
    DeploymentStrategy,
    EmptyDirMedium,
    ImagePullPolicy,
    JobRestartPolicy,
    LabelSelectorOperator,
    NodeSelectorOperator,
    Pattern,
    PodManagementPolicy,
    PodSecurityLevel,
    SidecarMode,
    StatefulSetUpdateStrategy,
    TaintEffect,
    TolerationOperator,
    UnsatisfiableConstraintAction,
    WorkloadKind,
} from "./model";
export type * from "./model";
export { placedContainers } from "./model/helpers";
export type { PlacedContainer } from "./model/helpers";

export { SIDECAR_MODES, buildConfigMaps, buildPod, buildPodTemplate, buildService } from "./build/pod";
export { buildWorkload } from "./build/workload";
export type { WorkloadObject } from "./build/workload";
export type { PodBuildOptions } from "./build/pod";
export { InvalidDefinitionError, formatIssue, validateDefinition } from "./validation/validate";
export type { DefinitionIssue, Severity } from "./validation/validate";
export { planPod } from "./build/plan";
export type { PodPlan } from "./build/plan";
export { describePod } from "./outputs/describe";
export type { ContainerDescription, PodDescription } from "./outputs/describe";
export type { KubectlTarget } from "./commands/kubectl";
export { DEFAULT_VERIFY_OPTIONS } from "./verify/script";
export type { VerifyOptions, VerifySettings } from "./verify/script";
export { renderManifest } from "./outputs/manifests";
export { renderDiagramCaption, renderPodDiagram } from "./outputs/diagram";
export { buildPodGraph } from "./outputs/podGraph";
export type { PodGraph } from "./outputs/podGraph";
export { addSidecars, attachableKind, SidecarAttachmentError } from "./build/addSidecars";
export type * from "./model/attachment";
export { InvalidAttachmentError, attachmentProblems } from "./validation/attachment";
export { sidecarTransform } from "./resources/sidecarTransform";
export type { SidecarTransformOptions } from "./resources/sidecarTransform";
