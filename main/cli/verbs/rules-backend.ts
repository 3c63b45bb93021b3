// The promtool engine's backend lives with the alerts service (the CLI and `rules.test` share it).
export { parsePromqlError, promqlBackend } from '../../services/alerts/promql-backend';
