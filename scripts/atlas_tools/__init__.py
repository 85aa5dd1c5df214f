"""Tools that measure, check and maintain the site; `make build` never imports this package."""
