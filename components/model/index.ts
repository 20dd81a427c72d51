// The typed model the component accepts, one file per concept.
export * from "./pod";
export * from "./workload";
