# kesu - offline CAPI for civic science-literacy surveys.
#
#   make            build ./kesu (installs missing Debian packages first)
#   make run        build, open the interview screen on the bundled questionnaire
#   make check      build and run every test layer
#   make SANITIZE=1 check   the same under ASan + UBSan
#   make bench      benchmarks, each figure beside its physical limit
#   make fuzz       long fuzzing runs (FUZZ_SECONDS each)
#   make torture    the long crash test
#   make sync-torture   the sync fault soak with 1000 records per fault
#   make install [PREFIX=/usr/local] [DESTDIR=]   install; make uninstall

PKGS     := sqlite3 zlib minizip expat ncursesw libcurl libcrypt libcrypto \
            libpcre2-8 libsodium xlsxwriter
# pkg-config module:Debian package, for `make deps` (a path: a file; the
# zh_CN locale source lets the screen tests build zh_CN.UTF-8).
DEBPKGS  := sqlite3:libsqlite3-dev zlib:zlib1g-dev minizip:libminizip-dev \
            expat:libexpat1-dev ncursesw:libncurses-dev \
            libcurl:libcurl4-openssl-dev libcrypt:libcrypt-dev \
            libcrypto:libssl-dev libpcre2-8:libpcre2-dev \
            libsodium:libsodium-dev \
            cmocka:libcmocka-dev \
            /usr/include/readstat.h:libreadstat-dev \
            /usr/share/i18n/locales/zh_CN:locales \
            xlsxwriter:libxlsxwriter-dev \
            /usr/lib/python3/dist-packages/openpyxl/__init__.py:python3-openpyxl
# Tools the tests use: tmux (screen tests), clang (libFuzzer), gettext
# (msgfmt), python3 (the local OpenRosa test server), sqlite3 (checks),
# openssl (a test CA for the HTTPS sync test), readstat (reads exports
# back), mandoc (lints the man pages), pgrep (finds the interview under
# tmux to kill it; procps is not in a minimal Debian); python3-openpyxl
# (reads xlsx exports back) is checked above as a file, having no command.
TOOLS    := tmux:tmux clang:clang msgfmt:gettext python3:python3 \
            sqlite3:sqlite3 pkg-config:pkg-config openssl:openssl \
            readstat:readstat mandoc:mandoc pgrep:procps

# The version, from debian/changelog's first line (the one place it is
# written): kesu --version prints it.
PAREN    := ( )
VERSION  := $(subst $(word 1,$(PAREN)),,$(subst $(word 2,$(PAREN)),,$(word 2,\
              $(shell head -n 1 debian/changelog))))

CC       ?= cc
ifeq ($(SANITIZE),1)
BUILD    := build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined
else
BUILD    := build
SANFLAGS :=
endif

WARN     := -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-missing-field-initializers -Werror
CFLAGS   ?= -O2 -g
# Not minizip's -I/usr/include/minizip: its crypt.h would hide libcrypt's
# <crypt.h>; kesu includes <minizip/unzip.h>.
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -Isrc \
             -DKESU_LOCALEDIR='"$(LOCALEDIR)"' \
             -DKESU_VERSION='"$(VERSION)"' \
             $(shell pkg-config --cflags $(filter-out minizip,$(PKGS)) \
               2>/dev/null)
# ReadStat (Stata/SPSS export): Debian's libreadstat-dev has no .pc file.
READSTAT_LIBS = $(shell pkg-config --libs readstat 2>/dev/null || \
                  echo -lreadstat)
LIBS      = $(shell pkg-config --libs $(PKGS) 2>/dev/null) \
            $(READSTAT_LIBS) -lm
LOCALEDIR ?= $(abspath $(BUILD))/locale

SRCS     := $(sort $(shell find src -name '*.c'))
OBJS     := $(SRCS:%.c=$(BUILD)/%.o)
LIBOBJS  := $(filter-out $(BUILD)/src/main.o,$(OBJS))
UNITS    := $(sort $(wildcard tests/unit/test_*.c))
UNITBINS := $(UNITS:tests/unit/%.c=$(BUILD)/tests/%)
HELPERS  := $(sort $(wildcard tests/bin/*.c))
HELPBINS := $(HELPERS:tests/bin/%.c=$(BUILD)/tests/bin/%)
POS      := $(wildcard locale/*.po)
MOS      := $(POS:locale/%.po=$(BUILD)/locale/%/LC_MESSAGES/kesu.mo)
KESU     := $(BUILD)/kesu

.PHONY: all deps program run check unit scenarios fuzz torture sync-torture \
        bench clean pot tests-built install uninstall print-debpkgs

all: deps program
	@[ "$(BUILD)" != build ] || ln -sf build/kesu kesu

# The program and its catalogues only, without checking packages (for
# package builds, where the build dependencies are already there).
program: $(KESU) $(MOS)

deps:
	@build-aux/deps "$(DEBPKGS)" "$(TOOLS)"

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(KESU): $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

$(BUILD)/locale/%/LC_MESSAGES/kesu.mo: locale/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

$(BUILD)/tests/test_%: tests/unit/test_%.c $(LIBOBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(LIBOBJS) $(LIBS) \
	  $$(pkg-config --libs cmocka)

$(BUILD)/tests/bin/%: tests/bin/%.c $(LIBOBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(LIBOBJS) $(LIBS)

tests-built: all $(UNITBINS) $(HELPBINS)

# Every layer runs even when one fails; tests/run prints the totals.
check: tests-built
	@KESU=$(CURDIR)/$(KESU) BUILD=$(CURDIR)/$(BUILD) SANITIZE=$(SANITIZE) \
	  tests/run all

unit: tests-built
	@BUILD=$(CURDIR)/$(BUILD) tests/run unit

scenarios: tests-built
	@KESU=$(CURDIR)/$(KESU) tests/run scenarios

FUZZ_SECONDS ?= 600
fuzz: all
	@BUILD=$(CURDIR)/$(BUILD) tests/fuzz/run long $(FUZZ_SECONDS)

# The sync fault soak at full size: 1000 records per fault mode, 60 kills.
sync-torture: tests-built
	@t=$$(mktemp -d) && KESU=$(CURDIR)/$(KESU) BUILD=$(CURDIR)/$(BUILD) \
	  KESU_LOCALEDIR=$(CURDIR)/$(BUILD)/locale KESU_LANG=en LC_ALL=C.UTF-8 \
	  SOAK_RECORDS=1000 SOAK_KILLS=60 TMPDIR_TEST=$$t \
	  bash tests/sync/soak.sh; rc=$$?; rm -rf $$t; exit $$rc

torture: tests-built
	@KESU=$(CURDIR)/$(KESU) BUILD=$(CURDIR)/$(BUILD) TRIALS=5000 \
	  tests/run crash

BENCHES  := $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))
# Bench only (never make check): R's survey package, which bench/report.sh
# times kesu report against; without it that comparison is skipped.
BENCHTOOLS := Rscript:r-cran-survey
bench: all $(BENCHES)
	@build-aux/deps "" "$(BENCHTOOLS)" || \
	  echo "kesu: bench: no R survey; its comparison is skipped"
	@KESU=$(CURDIR)/$(KESU) BUILD=$(CURDIR)/$(BUILD) bench/run

$(BUILD)/bench/%: bench/%.c $(LIBOBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBOBJS) $(LIBS)

# The interview screen with the bundled questionnaire, on a demo database
# of its own (build-aux/demo, made on the first run: users and the bundled
# sample, so an interviewer's home lists households); the headless
# demonstration is in README.md.
DEMO_DB  ?= $(BUILD)/demo.db
run: all
	@build-aux/demo $(KESU) $(DEMO_DB)
	KESU_DB=$(DEMO_DB) $(KESU) interview --form forms/science-literacy.csv

pot:
	xgettext -k_ -kN_ --from-code=UTF-8 --add-comments=L10N \
	  -o locale/kesu.pot $(SRCS)

# make install: the program; its catalogues in PREFIX/share/locale and the
# bundled forms in PREFIX/share/kesu, both found from the installed binary
# (src/util/path.c); the man pages; the sync service and timer as systemd
# user units, with the installed path; the bash completion.
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
SHAREDIR  = $(PREFIX)/share
MANDIR    = $(SHAREDIR)/man
UNITDIR   = $(PREFIX)/lib/systemd/user
COMPDIR   = $(SHAREDIR)/bash-completion/completions
MANS     := man/kesu.1 man/kesu.conf.5
UNITS_IN := dist/kesu-sync.service dist/kesu-sync.timer
EXAMPLES := $(wildcard forms/examples/*.txt forms/examples/*.csv)
LANGS    := $(POS:locale/%.po=%)

install: program
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(UNITDIR) $(DESTDIR)$(COMPDIR) \
	  $(DESTDIR)$(SHAREDIR)/kesu/forms/examples
	install -m 755 $(KESU) $(DESTDIR)$(BINDIR)/kesu
	for l in $(LANGS); do \
	  install -d $(DESTDIR)$(SHAREDIR)/locale/$$l/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/kesu.mo \
	    $(DESTDIR)$(SHAREDIR)/locale/$$l/LC_MESSAGES/kesu.mo || exit 1; \
	done
	install -m 644 forms/science-literacy.csv forms/visit.csv forms/README.md \
	  $(DESTDIR)$(SHAREDIR)/kesu/forms/
	install -m 644 $(EXAMPLES) $(DESTDIR)$(SHAREDIR)/kesu/forms/examples/
	install -m 644 man/kesu.1 $(DESTDIR)$(MANDIR)/man1/kesu.1
	install -m 644 man/kesu.conf.5 $(DESTDIR)$(MANDIR)/man5/kesu.conf.5
	for u in $(UNITS_IN); do \
	  sed 's|@BINDIR@|$(BINDIR)|g' $$u \
	    >$(DESTDIR)$(UNITDIR)/$${u##*/} && \
	  chmod 644 $(DESTDIR)$(UNITDIR)/$${u##*/} || exit 1; \
	done
	install -m 644 dist/kesu.bash $(DESTDIR)$(COMPDIR)/kesu

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kesu $(DESTDIR)$(MANDIR)/man1/kesu.1 \
	  $(DESTDIR)$(MANDIR)/man5/kesu.conf.5 $(DESTDIR)$(COMPDIR)/kesu \
	  $(UNITS_IN:dist/%=$(DESTDIR)$(UNITDIR)/%) \
	  $(LANGS:%=$(DESTDIR)$(SHAREDIR)/locale/%/LC_MESSAGES/kesu.mo)
	rm -rf $(DESTDIR)$(SHAREDIR)/kesu

# debian/control's Build-Depends are DEBPKGS' packages (one list): run
# `make debian/control` after changing DEBPKGS; tests/install checks it.
debian/control: debian/control.in Makefile
	build-aux/debcontrol "$(DEBPKGS)" <debian/control.in >$@

print-debpkgs:
	@echo '$(DEBPKGS)'

clean:
	rm -rf build build-san kesu

-include $(OBJS:.o=.d)
