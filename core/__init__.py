"""Plumbing several apps use: roles, admin and API base classes, API errors, Markdown, HTTP
middleware, the page cache, the Redis cache backend and the health check. Imports no app."""
