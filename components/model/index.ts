// The typed model the component accepts, one file per concept.
export * from "./pod";
export * from "./lifecycle";
export * from "./projection";
export * from "./scheduling";
export * from "./workload";
