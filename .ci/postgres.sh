# Sourced by .ci/run: start Debian's PostgreSQL on loopback for the store's tests and export
# DOSSIER_TEST_POSTGRES_URL. Without PostgreSQL those tests skip; nothing here fails the run.
scripts/system-deps.sh
if [ -d /usr/lib/postgresql ] && command -v pg_ctlcluster >/dev/null; then
    pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    pg_lsclusters 2>/dev/null | grep -q "^$pg_version *main" \
        || pg_createcluster "$pg_version" main >/dev/null 2>&1
    pg_ctlcluster "$pg_version" main start >/dev/null 2>&1 || true
    su postgres -c "psql -qc \"CREATE ROLE dossier LOGIN PASSWORD 'dossier'\"" >/dev/null 2>&1 || true
    su postgres -c "createdb -O dossier dossier_test" >/dev/null 2>&1 || true
    if su postgres -c "psql -qtc 'select 1' dossier_test" >/dev/null 2>&1; then
        export DOSSIER_TEST_POSTGRES_URL=postgresql://dossier:dossier@127.0.0.1/dossier_test
        echo "ci: PostgreSQL $pg_version on 127.0.0.1 for the store tests"
    fi
fi
