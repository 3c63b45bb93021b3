/** One timestamp layout; see index.ts for the contract every implementation keeps. */
export interface TimestampFormat {
  /** Stable identifier, e.g. 'iso8601', 'syslog', 'apache-error', 'android-logcat', 'hdfs-yymmdd'. */
  readonly name: string;
  /** false for syslog / Android / Mac style: the year comes from the caller. */
  readonly hasYear: boolean;
  /**
   * Epoch milliseconds of the timestamp at (or near) the start of the line, NaN when this
   * line has none in this format. Never throws. `year` is used only when !hasYear.
   */
  parse(line: string, year: number): number;
}
