"""What `make build` runs: data, validation, rendering, fragments and the Markdown extension.

Never imports atlas_tools (tests/source/test_layout.py checks it).
"""
