import type { PodDefinition } from "../components/model";
import { deploymentProxyExample } from "./deployment-proxy";
import { initContainerExample } from "./init-container";
import { jobNativeSidecarExample } from "./job-native-sidecar";
import { sidecarLoggingExample } from "./sidecar-logging";
import { sidecarMonitoringExample } from "./sidecar-monitoring";
import { sidecarProxyExample } from "./sidecar-proxy";
import { sidecarSecurityExample } from "./sidecar-security";

/**
 * Every example the program can deploy, in deployment and output order: the seed's pods, then the same
 * patterns as workloads. A new example is one data file plus one line here.
 */
export const allExamples: readonly PodDefinition[] = [
    initContainerExample,
    sidecarLoggingExample,
    sidecarMonitoringExample,
    sidecarProxyExample,
    sidecarSecurityExample,
    jobNativeSidecarExample,
    deploymentProxyExample,
];
