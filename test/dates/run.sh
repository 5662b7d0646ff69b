#!/usr/bin/env bash
# The date matrix: the date-sensitive suites, each run with the whole test process's clock set to an
# instant chosen to break naive date code (libfaketime; see test/README.md).
#
#   npm run test:dates                                   every instant
#   npm run test:dates -- '2027-03-14 01:30:00'          the instants named
#   TEST_DATES_ROTATE=3 npm run test:dates               3 instants, rotating with the day of the year (CI)
#
# The suites run on in-memory PGlite only: a PostgreSQL server's now() cannot be faked, and job
# queue timing compares it with the application's clock. Each instant appends "passed failed" to
# $TEST_SUMMARY_FILE when that is set. Exits non-zero when any instant fails.
set -uo pipefail
cd "$(dirname "$0")/../.."

INSTANTS=(
  '2026-12-07 00:10:00' # a Monday just after midnight
  '2026-12-11 23:50:00' # a Friday just before midnight: tomorrow is the weekend
  '2026-12-13 23:30:00' # a Sunday night
  '2027-03-14 01:30:00' # the day the United States start summer time
  '2027-03-28 01:30:00' # Europe has just started summer time
  '2027-10-31 01:30:00' # the day Europe ends summer time
  '2027-11-07 01:30:00' # the day the United States end summer time
  '2028-02-28 23:00:00' # a leap day comes next
  '2027-12-31 23:59:00' # a minute before the new year
)
SUITES=(test/backend/scheduling test/backend/sync test/backend/health test/backend/integration-test test/emulator/control.test.ts test/addon/end-to-end.test.ts test/sandbox-calendar/week.test.ts test/sandbox-calendar/actions.test.ts)

if ! command -v faketime >/dev/null; then
  echo "faketime is missing: apt-get install -y faketime" >&2
  exit 1
fi

chosen=()
if [ "$#" -gt 0 ]; then
  chosen=("$@")
elif [ -n "${TEST_DATES_ROTATE:-}" ]; then
  day=$((10#$(date -u +%j)))
  for ((i = 0; i < TEST_DATES_ROTATE && i < ${#INSTANTS[@]}; i++)); do
    chosen+=("${INSTANTS[$(((day * TEST_DATES_ROTATE + i) % ${#INSTANTS[@]}))]}")
  done
else
  chosen=("${INSTANTS[@]}")
fi

failed=()
for instant in "${chosen[@]}"; do
  echo
  echo "=== the clock at $instant UTC ==="
  # The monotonic clock stays real: timers and timeouts are durations.
  if ! env -u TEST_DATABASE_URL TZ=UTC FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$instant" \
    npm run --silent test:jest -- "${SUITES[@]}"; then
    failed+=("$instant")
  fi
done

echo
if [ "${#failed[@]}" -gt 0 ]; then
  echo "date matrix: failed at ${failed[*]}"
  exit 1
fi
echo "date matrix: passed at ${#chosen[@]} instants"
