"""The benchmarks (run each as a script: ``uv run python bench/<name>.py``), and the harness
they share (:mod:`bench.harness`); a package so that the tests can import them."""
