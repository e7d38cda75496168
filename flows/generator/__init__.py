"""Generated exports for the demo, the tests and the benchmarks: `generate` writes a
month's export files, `mistakes` names the mistakes a clerk makes that it can plant."""
