// Monaco languages (LogQL, PromQL, YAML schemas), completion and markers will live here
// (Pipelines and Alerts issues). Kept as a folder now so the layout matches DESIGN.md.
export {};
