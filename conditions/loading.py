"""Load the content files into the database, and write the database back to files.

The files under conditions/content/ are the reviewed source of truth. Loading is
idempotent (a record is saved only when something in it changed, so loading twice
changes nothing, not even the change history), runs in one transaction, validates
every record with full_clean(), and names the file, record and field of any problem.
Records that are no longer in the files are deleted."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from .models import (
    Chance,
    Claim,
    Condition,
    ContentVersion,
    Country,
    DonationHospital,
    Option,
    PriceExample,
    Reading,
    Source,
    Study,
)

CONTENT_DIR = Path(__file__).resolve().parent / "content"
CITATION = re.compile(r"\[@([a-z0-9][a-z0-9_-]*)\]")


class ContentError(Exception):
    """A content file is malformed. The message names the file, the record and the field."""


@dataclass
class Child:
    """Records that belong to a parent record, listed inside the parent's file."""

    model: type[models.Model]
    attr: str  # the list's key in the file
    parent_field: str
    key_field: str
    fields: list[str]
    fks: dict[str, type[models.Model]] = field(default_factory=dict)
    ordered: bool = False  # `order` comes from the position in the list


@dataclass
class Spec:
    model: type[models.Model]
    path: str  # folder of one-file-per-record, or a file of a list of records
    key_field: str
    fields: list[str]
    one_per_file: bool
    fks: dict[str, type[models.Model]] = field(default_factory=dict)
    m2m: dict[str, tuple[type[models.Model], str]] = field(default_factory=dict)
    children: list[Child] = field(default_factory=list)
    auto_sources: bool = False  # cited [@keys] join the record's `sources`


def concrete_fields(model: type[models.Model], *exclude: str) -> list[str]:
    skip = {"id", *exclude}
    return [
        f.name
        for f in model._meta.get_fields()
        if f.concrete and not f.many_to_many and not f.auto_created and f.name not in skip
    ]


SOURCES = Spec(Source, "sources", "key", concrete_fields(Source, "key"), one_per_file=False)

SPECS = [
    SOURCES,
    Spec(
        Condition,
        "conditions",
        "slug",
        concrete_fields(Condition, "slug"),
        one_per_file=True,
        m2m={"sources": (Source, "key")},
        auto_sources=True,
        children=[
            Child(
                Study,
                "studies",
                "condition",
                "key",
                concrete_fields(Study, "condition", "key", "order"),
                fks={"source": Source},
                ordered=True,
            ),
            Child(
                Reading,
                "readings",
                "condition",
                "order",
                concrete_fields(Reading, "condition", "order"),
                ordered=True,
            ),
        ],
    ),
    Spec(
        Option,
        "options",
        "slug",
        concrete_fields(Option, "slug"),
        one_per_file=True,
        m2m={"sources": (Source, "key")},
        auto_sources=True,
    ),
    Spec(
        Country,
        "countries",
        "code",
        concrete_fields(Country, "code"),
        one_per_file=True,
        m2m={"sources": (Source, "key")},
        auto_sources=True,
        children=[
            Child(
                PriceExample,
                "prices",
                "country",
                "key",
                concrete_fields(PriceExample, "country", "key", "order"),
                fks={"source": Source},
                ordered=True,
            ),
            Child(
                DonationHospital,
                "hospitals",
                "country",
                "name",
                concrete_fields(DonationHospital, "country", "name"),
                fks={"source": Source},
            ),
        ],
    ),
    Spec(
        Chance,
        "chances.yaml",
        "key",
        concrete_fields(Chance, "key"),
        one_per_file=False,
        fks={"source": Source},
    ),
    Spec(
        Claim,
        "claims",
        "key",
        concrete_fields(Claim, "key"),
        one_per_file=False,
        m2m={
            "sources": (Source, "key"),
            "conditions": (Condition, "slug"),
            "options": (Option, "slug"),
        },
        auto_sources=True,
    ),
]

@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    version: str = ""

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.deleted} deleted, "
            f"{self.unchanged} unchanged (content version {self.version[:12]})"
        )


# --- Reading files -------------------------------------------------------------


def _files(content_dir: Path, spec_path: str) -> list[Path]:
    target = content_dir / spec_path
    if target.suffix in {".yaml", ".yml"}:
        return [target] if target.exists() else []
    if not target.is_dir():
        return []
    return sorted(p for p in target.iterdir() if p.suffix in {".yaml", ".yml"})


def _read_yaml(path: Path, content_dir: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ContentError(f"{_rel(path, content_dir)}: not UTF-8 text ({exc.reason})") from exc
    except yaml.YAMLError as exc:
        raise ContentError(f"{_rel(path, content_dir)}: not valid YAML: {exc}") from exc


def _rel(path: Path, content_dir: Path) -> str:
    try:
        return str(path.relative_to(content_dir.parent))
    except ValueError:
        return str(path)


def read_records(content_dir: Path, spec: Spec) -> list[tuple[str, dict]]:
    """(where, record) pairs for a spec, where names the file and record for messages."""
    records = []
    for path in _files(content_dir, spec.path):
        data = _read_yaml(path, content_dir)
        where = _rel(path, content_dir)
        if spec.one_per_file:
            if not isinstance(data, dict):
                raise ContentError(f"{where}: expected a mapping of fields at the top level")
            records.append((where, {spec.key_field: path.stem, **data}))
        else:
            if data is None:
                continue
            if not isinstance(data, list):
                raise ContentError(f"{where}: expected a list of records at the top level")
            for index, item in enumerate(data, start=1):
                if not isinstance(item, dict):
                    raise ContentError(f"{where}: record {index}: expected a mapping of fields")
                key = item.get(spec.key_field, f"#{index}")
                records.append((f"{where}: {key}", item))
    return records


def content_version(content_dir: Path = CONTENT_DIR) -> str:
    digest = hashlib.sha256()
    for path in sorted(content_dir.rglob("*.y*ml")):
        digest.update(str(path.relative_to(content_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# --- Loading --------------------------------------------------------------------


def _text_values(data: dict) -> list[str]:
    values = []
    for value in data.values():
        if isinstance(value, str):
            values.append(value)
        elif isinstance(value, list):
            values.extend(v for v in value if isinstance(v, str))
        elif isinstance(value, dict):
            values.extend(_text_values(value))
    return values


def cited_keys(data: dict) -> list[str]:
    keys: list[str] = []
    for text in _text_values(data):
        for key in CITATION.findall(text):
            if key not in keys:
                keys.append(key)
    return keys


def _check_fields(where: str, data: dict, allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ContentError(
            f"{where}: unknown field(s) {', '.join(unknown)}; expected some of "
            f"{', '.join(sorted(allowed))}"
        )


def _coerce(model: type[models.Model], name: str, value: Any, where: str) -> Any:
    model_field = model._meta.get_field(name)
    if value is None:
        if model_field.null:
            return None
        if isinstance(model_field, (models.CharField, models.TextField)):
            return ""
        raise ContentError(f"{where}: field '{name}': a value is required")
    try:
        if isinstance(model_field, models.JSONField):
            return value
        if isinstance(model_field, models.BooleanField) and not isinstance(value, bool):
            raise ValidationError("expected true or false")
        if isinstance(model_field, (models.CharField, models.TextField)) and not isinstance(
            value, str
        ):
            raise ValidationError(f"expected text, got {value!r} (quote it in YAML)")
        if isinstance(model_field, models.DecimalField) and isinstance(value, float):
            value = str(value)
        return model_field.to_python(value)
    except ValidationError as exc:
        raise ContentError(f"{where}: field '{name}': {'; '.join(exc.messages)}") from exc


def _resolve(model: type[models.Model], lookup: str, key: Any, where: str, name: str, cache):
    try:
        return cache[model][key]
    except KeyError:
        raise ContentError(
            f"{where}: field '{name}': no {model._meta.verbose_name} with {lookup} {key!r}"
        ) from None


def _validate(instance: models.Model, where: str, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        problems = []
        for name, messages in exc.message_dict.items():
            label = "record" if name == "__all__" else f"field '{name}'"
            problems.append(f"{label}: {' '.join(messages)}")
        raise ContentError(f"{where}: {'; '.join(problems)}") from exc


def _apply(instance: models.Model, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if isinstance(value, models.Model):
            current = getattr(instance, f"{name}_id")
            if current != value.pk:
                setattr(instance, name, value)
                changed = True
        elif getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


class Loader:
    def __init__(self, content_dir: Path):
        self.content_dir = content_dir
        self.report = LoadReport()
        self.cache: dict[type[models.Model], dict[Any, models.Model]] = {}

    def run(self) -> LoadReport:
        # Read and parse everything before touching the database.
        parsed = [(spec, read_records(self.content_dir, spec)) for spec in SPECS]
        with transaction.atomic():
            for spec, records in parsed:
                self.load_spec(spec, records)
            for spec, records in reversed(parsed):
                self.delete_missing(spec, records)
            self.report.version = content_version(self.content_dir)
            current = ContentVersion.objects.filter(pk=1).first()
            if current is None or current.version != self.report.version or self.report.changed:
                ContentVersion.objects.update_or_create(
                    pk=1, defaults={"version": self.report.version, "loaded_at": timezone.now()}
                )
        return self.report

    def load_spec(self, spec: Spec, records: list[tuple[str, dict]]) -> None:
        existing = {getattr(obj, spec.key_field): obj for obj in spec.model.objects.all()}
        self.cache[spec.model] = {}
        allowed = {spec.key_field, *spec.fields, *spec.m2m, *(c.attr for c in spec.children)}
        seen: dict[Any, str] = {}
        for where, data in records:
            _check_fields(where, data, allowed)
            key = data.get(spec.key_field)
            if key in (None, ""):
                raise ContentError(f"{where}: field '{spec.key_field}': a value is required")
            if key in seen:
                raise ContentError(f"{where}: '{key}' is defined twice (also in {seen[key]})")
            seen[key] = where
            values = {
                name: self._value(spec.model, name, data.get(name), where, spec.fks)
                for name in spec.fields
                if name in data or not self._has_default(spec.model, name)
            }
            instance = existing.get(key) or spec.model(**{spec.key_field: key})
            is_new = instance.pk is None
            changed = _apply(instance, values)
            _validate(instance, where)
            if is_new or changed:
                instance.save()
                self._count(is_new)
            else:
                self.report.unchanged += 1
            self.cache[spec.model][key] = instance
            if self._set_m2m(spec, instance, data, where) and not (is_new or changed):
                self.report.unchanged -= 1
                self.report.updated += 1
            for child in spec.children:
                self._load_children(child, instance, data.get(child.attr) or [], where)

    def _has_default(self, model, name) -> bool:
        model_field = model._meta.get_field(name)
        return model_field.has_default() or model_field.blank

    def _value(self, model, name, raw, where, fks):
        if name in fks:
            return _resolve(fks[name], "key", raw, where, name, self.cache)
        model_field = model._meta.get_field(name)
        if raw is None and model_field.has_default():
            return model_field.get_default()
        return _coerce(model, name, raw, where)

    def _count(self, is_new: bool) -> None:
        if is_new:
            self.report.created += 1
        else:
            self.report.updated += 1

    def _set_m2m(self, spec: Spec, instance, data: dict, where: str) -> bool:
        """Set the record's many-to-many links; True if any changed."""
        for key in cited_keys(data):
            _resolve(Source, "key", key, where, "[@citation]", self.cache)
        changed = False
        for name, (model, lookup) in spec.m2m.items():
            keys = data.get(name) or []
            if not isinstance(keys, list):
                raise ContentError(f"{where}: field '{name}': expected a list of keys")
            if name == "sources" and spec.auto_sources:
                keys = keys + [k for k in cited_keys(data) if k not in keys]
            targets = [_resolve(model, lookup, key, where, name, self.cache) for key in keys]
            current = {obj.pk for obj in getattr(instance, name).all()}
            if current != {obj.pk for obj in targets}:
                getattr(instance, name).set(targets)
                changed = True
        return changed

    def _load_children(self, child: Child, parent, items, where: str) -> None:
        if not isinstance(items, list):
            raise ContentError(f"{where}: field '{child.attr}': expected a list")
        allowed = set(child.fields) | ({child.key_field} - {"order"})
        existing = {
            getattr(obj, child.key_field): obj
            for obj in child.model.objects.filter(**{child.parent_field: parent})
        }
        keep = set()
        for index, data in enumerate(items, start=1):
            item_where = f"{where}: {child.attr} #{index}"
            if not isinstance(data, dict):
                raise ContentError(f"{item_where}: expected a mapping of fields")
            _check_fields(item_where, data, allowed)
            for key in cited_keys(data):
                _resolve(Source, "key", key, item_where, "[@citation]", self.cache)
            key = index if child.key_field == "order" else data.get(child.key_field)
            if key in (None, ""):
                raise ContentError(f"{item_where}: field '{child.key_field}': a value is required")
            if key in keep:
                raise ContentError(f"{item_where}: '{key}' appears twice")
            keep.add(key)
            values = {
                name: self._value(child.model, name, data.get(name), item_where, child.fks)
                for name in child.fields
                if name in data or not self._has_default(child.model, name)
            }
            if child.ordered and child.key_field != "order":
                values["order"] = index
            instance = existing.get(key) or child.model(
                **{child.parent_field: parent, child.key_field: key}
            )
            is_new = instance.pk is None
            changed = _apply(instance, values)
            _validate(instance, item_where)
            if is_new or changed:
                instance.save()
                self._count(is_new)
            else:
                self.report.unchanged += 1
        for key, obj in existing.items():
            if key not in keep:
                obj.delete()
                self.report.deleted += 1

    def delete_missing(self, spec: Spec, records) -> None:
        keys = {data.get(spec.key_field) for _, data in records}
        stale = spec.model.objects.exclude(**{f"{spec.key_field}__in": keys})
        for obj in stale:
            try:
                obj.delete()
            except models.ProtectedError as exc:
                raise ContentError(
                    f"{spec.path}: '{getattr(obj, spec.key_field)}' was removed from the files "
                    f"but is still cited by {len(exc.protected_objects)} record(s)"
                ) from exc
            self.report.deleted += 1


def load_content(content_dir: Path = CONTENT_DIR) -> LoadReport:
    """Load every content file. Raises ContentError and changes nothing on a bad file."""
    from .caching import content_changed

    report = Loader(Path(content_dir)).run()
    if report.changed:
        content_changed()
    return report


# --- Exporting ------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    return value


def _record(instance, fields, fks) -> dict:
    data = {}
    for name in fields:
        value = getattr(instance, name)
        if name in fks:
            value = value.key
        data[name] = _plain(value)
    return data


def export_records(spec: Spec) -> list[tuple[str, dict]]:
    """(file name, record) pairs in the shape the loader reads."""
    queryset = spec.model.objects.all()
    out = []
    for instance in queryset:
        data = {spec.key_field: getattr(instance, spec.key_field)}
        data.update(_record(instance, spec.fields, spec.fks))
        for name, (_, lookup) in spec.m2m.items():
            data[name] = sorted(getattr(obj, lookup) for obj in getattr(instance, name).all())
        for child in spec.children:
            children = child.model.objects.filter(**{child.parent_field: instance})
            items = []
            for obj in children:
                item = {} if child.key_field == "order" else {child.key_field: getattr(obj, child.key_field)}
                item.update(_record(obj, child.fields, child.fks))
                items.append(item)
            data[child.attr] = items
        out.append((getattr(instance, spec.key_field), data))
    return out


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def export_content(target_dir: Path) -> list[Path]:
    """Write the database to target_dir in the loader's format. Returns the files written."""
    target_dir = Path(target_dir)
    written = []
    for spec in SPECS:
        records = export_records(spec)
        if spec.one_per_file:
            folder = target_dir / spec.path
            folder.mkdir(parents=True, exist_ok=True)
            for key, data in records:
                data = {k: v for k, v in data.items() if k != spec.key_field}
                path = folder / f"{key}.yaml"
                path.write_text(_dump(data), encoding="utf-8")
                written.append(path)
        else:
            path = target_dir / (spec.path if spec.path.endswith(".yaml") else f"{spec.path}/all.yaml")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_dump([data for _, data in records]), encoding="utf-8")
            written.append(path)
    return written
