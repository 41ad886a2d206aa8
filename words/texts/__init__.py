"""All UI text, one module per page in this package: ``TEXTS = {key: (zh, en)}``.
Keys are unique across modules (prefix them with the page's name); the merge checks it."""
