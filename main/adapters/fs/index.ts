/** Local files as log sources: discovery, indexing (in workers), display reads, following. */
export type { DisplayLine, FileChangeKind, FileStatus, IndexedFile, OpenOptions } from './file-types';
export { openIndexedFile } from './indexed-file';
export { discoverFiles } from './discover-files';
export { nodeByteSearch, nodeDecoder } from './node-ports';
