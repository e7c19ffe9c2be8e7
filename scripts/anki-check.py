#!/usr/bin/env python3
"""Checks grill's Anki packages with Anki's own library, and makes reference decks for grill's
importer. Run by tests/cli/anki.rs where `import anki` works (`.ci/run` installs `anki` and
`genanki` into target/anki-venv); by hand:

    python3 scripts/anki-check.py import DIR deck.apkg      import into DIR/collection.anki2
                                                            (made fresh if missing), print JSON
    python3 scripts/anki-check.py make-anki OUT.apkg [--legacy]
                                                            a deck written by Anki itself: Basic,
                                                            Cloze and a three-field note type,
                                                            HTML, sub-decks, tags, media refs
    python3 scripts/anki-check.py make-colpkg OUT.colpkg    the same notes in a whole-collection
                                                            backup, as Anki writes it
    python3 scripts/anki-check.py make-genanki OUT.apkg     the same notes written by genanki

`import` prints what Anki made of the package: how many notes were new, updated or left as
they were (a second import of the same notes), the collection's note count, its deck names, and
each note's fields, tags and deck, by GUID.
"""

import json
import os
import sys


def import_package(folder, package, quiet=False):
    from anki.collection import Collection
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    os.makedirs(folder, exist_ok=True)
    col = Collection(os.path.join(folder, "collection.anki2"))
    try:
        request = ImportAnkiPackageRequest(
            package_path=os.path.abspath(package),
            options=ImportAnkiPackageOptions(
                merge_notetypes=True, with_scheduling=False, with_deck_configs=False
            ),
        )
        log = col.import_anki_package(request).log
        notes = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            card = note.cards()[0]
            notes[note.guid] = {
                "fields": dict(note.items()),
                "tags": note.tags,
                "deck": col.decks.name(card.did),
                "notetype": note.note_type()["name"],
            }
        if quiet:
            return
        print(
            json.dumps(
                {
                    "new": len(log.new),
                    "updated": len(log.updated),
                    "duplicate": len(log.duplicate),
                    "notes": col.note_count(),
                    "decks": sorted(d.name for d in col.decks.all_names_and_ids()),
                    "by_guid": notes,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    finally:
        col.close()


# The reference notes: (deck, note type, fields, tags).
NOTES = [
    ("Interview::SQL", "Basic", ["What does a <b>LEFT JOIN</b> keep?",
     "<ul><li>Every row of the left table</li><li>Matching rows of the right, or NULLs</li></ul>"],
     ["sql", "joins"]),
    ("Interview::SQL::Indexes", "Basic", ["What is an index?<img src=\"diagram.png\">",
     "A lookup structure.<br>It speeds reads &amp; slows writes.<br>[sound:index.mp3]"], ["sql"]),
    ("Interview::Python", "Cloze", ["The {{c1::GIL}} lets one {{c2::thread::unit}} run bytecode",
     "CPython only"], ["python"]),
    ("Interview::Python", "Basic", ["<img src=\"only-a-picture.png\">", "no question text"], []),
    ("Interview::Python", "Basic", ["Empty back?", ""], []),
    ("Interview::Python", "Vocab", ["Meaning of &lt;code&gt;yield&lt;/code&gt;",
     "yield", "Makes a generator. Pauses the function."], ["python::generators"]),
]


def make_anki(out, legacy):
    import tempfile

    from anki.collection import Collection
    from anki.import_export_pb2 import ExportAnkiPackageOptions, ExportLimit

    folder = tempfile.mkdtemp()
    col = Collection(os.path.join(folder, "collection.anki2"))
    try:
        mm = col.models
        vocab = mm.new("Vocab")
        for name in ["Meaning", "Word", "Example"]:
            mm.add_field(vocab, mm.new_field(name))
        template = mm.new_template("Card 1")
        template["qfmt"] = "{{Word}}"
        template["afmt"] = "{{FrontSide}}<hr id=answer>{{Meaning}}<br>{{Example}}"
        mm.add_template(vocab, template)
        mm.add(vocab)
        root = col.decks.id("Interview")
        for deck, kind, fields, tags in NOTES:
            model = mm.by_name(kind)
            note = col.new_note(model)
            if kind == "Vocab":
                # Stored as Meaning, Word, Example: the template asks Word.
                fields = [fields[2], fields[1], fields[0]]
            for i, value in enumerate(fields):
                note.fields[i] = value
            note.tags = tags
            col.add_note(note, col.decks.id(deck))
        col.export_anki_package(
            out_path=os.path.abspath(out),
            options=ExportAnkiPackageOptions(
                with_scheduling=False, with_deck_configs=False, with_media=False, legacy=legacy
            ),
            limit=ExportLimit(deck_id=root),
        )
    finally:
        col.close()


def make_colpkg(out):
    """A whole collection backup (.colpkg) holding the reference notes, as Anki writes it."""
    import tempfile

    folder = tempfile.mkdtemp()
    deck = os.path.join(folder, "deck.apkg")
    make_anki(deck, False)
    from anki.collection import Collection

    import_package(os.path.join(folder, "backup"), deck, quiet=True)
    col = Collection(os.path.join(folder, "backup", "collection.anki2"))
    col.export_collection_package(os.path.abspath(out), include_media=False, legacy=False)


def make_genanki(out):
    import genanki

    basic = genanki.Model(
        1091735104,
        "Simple Model",
        fields=[{"name": "Question"}, {"name": "Answer"}],
        templates=[{"name": "Card 1", "qfmt": "{{Question}}",
                    "afmt": "{{FrontSide}}<hr id=\"answer\">{{Answer}}"}],
    )
    decks = {}
    for deck_name, kind, fields, tags in NOTES:
        if kind == "Vocab":
            continue
        deck = decks.setdefault(
            deck_name, genanki.Deck(2059400110 + len(decks), deck_name)
        )
        model = genanki.CLOZE_MODEL if kind == "Cloze" else basic
        deck.add_note(genanki.Note(model=model, fields=fields, tags=tags))
    genanki.Package(list(decks.values())).write_to_file(out)


def main(argv):
    if len(argv) >= 3 and argv[0] == "import":
        import_package(argv[1], argv[2])
    elif len(argv) >= 2 and argv[0] == "make-anki":
        make_anki(argv[1], "--legacy" in argv)
    elif len(argv) >= 2 and argv[0] == "make-colpkg":
        make_colpkg(argv[1])
    elif len(argv) >= 2 and argv[0] == "make-genanki":
        make_genanki(argv[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
