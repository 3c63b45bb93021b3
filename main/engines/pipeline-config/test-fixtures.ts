/** The Promtail config of the issue, as users paste it (tests of the config engine, the service and the CLI). */
export const ISSUE_CONFIG = `scrape_configs:
- job_name: system
  static_configs:
  - targets: [localhost]
    labels: {job: varlogs, __path__: /var/log/*log, hostname: diaspodon.fr}
  pipeline_stages:
  - match:
      selector: '{job="varlogs"}'
      stages:
      - regex: {expression: ".*(?P<error_message>error_message.*)"}
      - metrics:
          error_total: {type: Counter, description: "total count of errors", source: error_message, config: {action: inc}}
`;
