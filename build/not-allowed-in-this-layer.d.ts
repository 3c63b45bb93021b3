// Not a module, on purpose. The tsconfigs of the pure layers map `electron` and `node:*`
// here, so such an import fails with "File '…/not-allowed-in-this-layer.d.ts' is not a
// module" (a missing file would let TypeScript fall back to node_modules/electron, whose
// types pull in all of @types/node).
