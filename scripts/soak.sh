#!/bin/sh
# The long run of the kill test (test/hostile/kill-writers.test.ts): PRECIS_SOAK_KILLS SIGKILLs
# (default 1,000, in rounds of 200, each round ending with doctor --fix) among writers mixing every
# command that changes the library. A failure names the seed of its round: PRECIS_SEED=<seed>
# replays the same commands and kill delays (timing still varies from run to run).
set -eu
cd "$(dirname "$0")/.."
PRECIS_SOAK_KILLS="${PRECIS_SOAK_KILLS:-1000}" exec npx vitest run test/hostile/kill-writers.test.ts
