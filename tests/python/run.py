"""Runs the Python trainer tests (tests/python/test_*.py, unittest) and writes artifacts/python-tests.json =
{"passed", "failed", "skipped"} for scripts/test-summary.mjs; exits non-zero when any test fails or errors.
Usage: /usr/bin/python3 tests/python/run.py [-p PATTERN]
"""
import argparse
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-p', '--pattern', default='test_*.py', help='test file pattern (default test_*.py)')
    args = ap.parse_args()
    sys.path.insert(0, HERE)
    suite = unittest.defaultTestLoader.discover(HERE, pattern=args.pattern, top_level_dir=HERE)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    counts = {'passed': result.testsRun - failed - skipped, 'failed': failed, 'skipped': skipped}
    for test, reason in result.skipped:
        print(f'skipped {test.id()}: {reason}')
    os.makedirs(os.path.join(REPO_ROOT, 'artifacts'), exist_ok=True)
    with open(os.path.join(REPO_ROOT, 'artifacts', 'python-tests.json'), 'w', encoding='utf-8') as f:
        json.dump(counts, f)
        f.write('\n')
    print(f'python tests: {counts["passed"]} passed, {counts["failed"]} failed, {counts["skipped"]} skipped')
    return 0 if failed == 0 and result.testsRun > 0 else 1


if __name__ == '__main__':
    sys.exit(main())
