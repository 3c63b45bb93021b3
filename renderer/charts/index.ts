// ECharts wrappers and pure data → option mappers will live here (metrics issue).
// Kept as a folder now so the layout matches DESIGN.md.
export {};
