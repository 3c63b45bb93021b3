/** The LogQL engine's ports in main (Node): RE2 for Go regexp semantics, the Go template engine bound to RE2. */
export { compileLokiTemplate, nodeLogqlPorts } from './template-regex-port';
