// Moved to shared/notation/ (the promtool engine needs it too); this path stays for in-flight work.
export * from '../../../../shared/notation/series-descriptor';
