"""GenAI Atlas build helpers: data loading, validation, rendering, and Markdown extensions."""
