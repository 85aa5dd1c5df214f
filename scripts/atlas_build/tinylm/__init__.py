"""GenAI Atlas's tiny language model: corpus, tokenizer, NumPy model and its weight files.

Trained by `make train-tinylm` (scripts/atlas_tools/train_tinylm.py; the build never trains); the
figures on concepts/large-language-models (#tiny-model) and concepts/transformers
(#attention-explorer) run it in the reader's browser (docs/javascripts/figures/tiny-lm.js).
"""
