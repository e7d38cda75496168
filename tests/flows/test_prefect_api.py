"""The temporary Prefect server `kpi` starts when none is configured."""

import urllib.request

from prefect.settings import PREFECT_API_URL, temporary_settings

from flows import prefect_api


def test_a_configured_server_is_used_as_it_is():
    with (
        temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}),
        prefect_api.temporary_api(),
    ):
        assert prefect_api._pending is None
        assert PREFECT_API_URL.value() == "http://127.0.0.1:9/api"
        prefect_api.wait_until_ready()  # nothing to wait for


def test_without_a_server_one_is_started_at_once_and_stopped_at_the_end(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    with (
        temporary_settings(
            restore_defaults={PREFECT_API_URL},
            updates={"PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": True},
        ),
        prefect_api.temporary_api(),
    ):
        server = prefect_api._pending
        assert server is not None and PREFECT_API_URL.value() == server.url
        prefect_api.wait_until_ready()
        with urllib.request.urlopen(f"{server.url}/health", timeout=5) as response:
            assert response.status == 200
    assert server.process.poll() is not None
    assert prefect_api._pending is None
