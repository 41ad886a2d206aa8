"""The deployment as code: the HAProxy configuration (``haproxy.cfg.in``, rendered by
``deploy.haproxy``), the systemd units (``canlian@.service``), the one shared secret file
(``canlian.env.example``, written by ``deploy.secretfile``) and the launcher that runs it all
on one machine (``python -m deploy.local``). docs/deploy.md describes it; tests/test_cluster.py
runs it."""
