/**
 * The standard library that model files build their configurations with: dataclasses (nanoGPT's
 * GPTConfig, llama2.c's ModelArgs), enum, collections.namedtuple and typing.NamedTuple,
 * types.SimpleNamespace and argparse.Namespace. Each is one entry with Python's signature; all
 * only hold values, so reading them right is all a count needs.
 */
import { raise, refuse } from './errors.js';
import { bindTo, classAttr, type Interpreter } from './interpreter.js';
import { def, namespace, nativeClass } from './builtins.js';
import { equals, iterate, newDict, truthy, typeName } from './python.js';
import { bind, type Parameter, type Signature } from './signature.js';
import { builtin, is, tuple, type ClassV, type InstanceV, type Kwargs, type NamespaceV, type Value, NO_ATTRS, attrsOf } from './values.js';

/** One field of a dataclass or NamedTuple, in definition order. */
interface FieldSpec {
  readonly name: string;
  readonly default?: Value | undefined;
  readonly factory?: Value | undefined;
  readonly init: boolean;
  readonly kwOnly: boolean;
}

const NOT_FIELDS = new Set(['ClassVar']);

/** The names a class body annotated, in order (see interpreter.ts annotate). */
function annotations(cls: ClassV): Array<{ name: string; head: string }> {
  const d = cls.dict.get('__annotations__');
  if (d === undefined || !is(d, 'dict')) return [];
  return [...d.map.values()].map((e) => ({ name: e.key as string, head: typeof e.value === 'string' ? e.value : '' }));
}

export interface Stdlib {
  readonly modules: Map<string, NamespaceV>;
  /** Added to the modules builtins.ts already has. */
  readonly collections: Record<string, Value>;
  readonly typing: Record<string, Value>;
}

export function stdlibModules(rt: Interpreter, object: ClassV): Stdlib {
  const fields = new WeakMap<ClassV, readonly FieldSpec[]>();
  const MISSING = nativeClass('_MISSING_TYPE', [object]);
  const missing: InstanceV = { t: 'instance', cls: MISSING, dict: NO_ATTRS };
  const Field = nativeClass('Field', [object]);
  const KW_ONLY = nativeClass('KW_ONLY', [object]);

  const isField = (v: Value | undefined): v is InstanceV => v !== undefined && is(v, 'instance') && v.cls === Field;
  const given = (v: Value | undefined): v is Value => v !== undefined && v !== missing;

  /** The __init__ a dataclass or NamedTuple gets: its fields in order, defaults and factories. */
  const initOf = (cls: ClassV, specs: readonly FieldSpec[], set: (self: Value, name: string, v: Value) => void) => {
    const sig: Signature = {
      name: `${cls.name}.__init__`,
      params: specs.filter((f) => f.init).map((f): Parameter => ({ name: f.name, keywordOnly: f.kwOnly, ...(given(f.default) || f.factory ? { default: f.factory ? missing : f.default! } : {}) })),
    };
    return (self: Value, args: Value[], kwargs: Kwargs): void => {
      const b = bind({ ...sig, positional: sig.params.filter((p) => !p.keywordOnly) }, args, kwargs).values;
      for (const f of specs) {
        const v = f.init ? b.get(f.name)! : given(f.default) ? f.default : undefined;
        if (v === missing || (v === undefined && f.factory)) set(self, f.name, rt.call(f.factory!, []));
        else if (v !== undefined) set(self, f.name, v);
      }
    };
  };

  const makeDataclass = (cls: ClassV, options: Map<string, Value>): ClassV => {
    const inherited = cls.mro
      .slice(1)
      .reverse()
      .flatMap((c) => fields.get(c) ?? []);
    const specs = new Map(inherited.map((f) => [f.name, f]));
    let kwOnly = truthy(rt, options.get('kw_only') ?? false);
    for (const { name, head } of annotations(cls)) {
      if (NOT_FIELDS.has(head)) continue;
      if (head === 'KW_ONLY') {
        kwOnly = true;
        continue;
      }
      const v = cls.dict.get(name);
      if (isField(v)) {
        const d = v.dict;
        const fieldKw = d.get('kw_only')!;
        specs.set(name, {
          name,
          default: d.get('default'),
          factory: given(d.get('default_factory')) ? d.get('default_factory') : undefined,
          init: truthy(rt, d.get('init')!),
          kwOnly: fieldKw === missing ? kwOnly : truthy(rt, fieldKw),
        });
        // as in Python: the class keeps the default (not the field), or nothing for a factory
        if (given(d.get('default'))) cls.dict.set(name, d.get('default')!);
        else cls.dict.delete(name);
      } else specs.set(name, { name, default: v, init: true, kwOnly });
    }
    const list = [...specs.values()];
    fields.set(cls, list);
    if (truthy(rt, options.get('init') ?? true) && !cls.dict.has('__init__')) {
      const init = initOf(cls, list, (self, name, v) => (attrsOf(self as InstanceV).set(name, v), undefined));
      cls.dict.set(
        '__init__',
        builtin('__init__', (args, kwargs) => {
          const self = args[0]!;
          init(self, args.slice(1), kwargs);
          const post = is(self, 'instance') ? classAttr(self.cls, '__post_init__') : undefined;
          if (post !== undefined) rt.call(bindTo(post, self, cls), []);
          return null;
        }),
      );
    }
    return cls;
  };

  const DATACLASS_OPTIONS = 'init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False';
  const dataclass = def('dataclass', `cls=None, /, *, ${DATACLASS_OPTIONS}`.replace(', /', ''), (a) => {
    const cls = a.get('cls')!;
    if (cls === null)
      return builtin('dataclass', (args) =>
        is(args[0] ?? null, 'class') ? makeDataclass(args[0] as ClassV, a) : raise('TypeError', 'std.needClass', { fn: 'dataclass', type: typeName(args[0] ?? null) }),
      );
    if (!is(cls, 'class')) return raise('TypeError', 'std.needClass', { fn: 'dataclass', type: typeName(cls) });
    return makeDataclass(cls, a);
  });

  const instanceFields = (obj: Value, fn: string): { inst: InstanceV; specs: readonly FieldSpec[] } => {
    const specs = is(obj, 'instance') ? (fields.get(obj.cls) ?? obj.cls.mro.map((c) => fields.get(c)).find((f) => f !== undefined)) : undefined;
    if (!specs || !is(obj, 'instance')) return raise('TypeError', 'std.notDataclass', { fn, type: typeName(obj) });
    return { inst: obj, specs };
  };
  const asdict = (v: Value): Value => {
    if (!is(v, 'instance') || !v.cls.mro.some((c) => fields.has(c))) {
      if (is(v, 'list')) return { t: 'list', items: v.items.map(asdict) };
      return v;
    }
    const { inst, specs } = instanceFields(v, 'asdict');
    rt.charge(specs.length);
    return newDict(
      rt,
      specs.map((f) => [f.name, asdict(inst.dict.get(f.name) ?? null)] as const),
    );
  };

  const dataclasses = namespace('dataclasses', {
    dataclass,
    field: def(
      'field',
      '*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True, metadata=None, kw_only=MISSING',
      (a) => {
        const inst: InstanceV = { t: 'instance', cls: Field, dict: NO_ATTRS };
        for (const [k, v] of a) attrsOf(inst).set(k, v);
        return inst;
      },
      { default: missing, default_factory: missing, kw_only: missing },
    ),
    replace: builtin('replace', (args, kwargs) => {
      const { inst, specs } = instanceFields(args[0] ?? null, 'replace');
      const values = new Map(kwargs);
      for (const f of specs) if (f.init && !values.has(f.name)) values.set(f.name, inst.dict.get(f.name) ?? null);
      return rt.call(inst.cls, [], values);
    }),
    asdict: def('asdict', 'obj, *, dict_factory=None', (a) => asdict(instanceFields(a.get('obj')!, 'asdict').inst)),
    astuple: def('astuple', 'obj, *, tuple_factory=None', (a) => {
      const { inst, specs } = instanceFields(a.get('obj')!, 'astuple');
      return tuple(specs.map((f) => inst.dict.get(f.name) ?? null));
    }),
    fields: def('fields', 'class_or_instance', (a) => {
      const v = a.get('class_or_instance')!;
      const specs = is(v, 'class') ? fields.get(v) : instanceFields(v, 'fields').specs;
      if (!specs) return raise('TypeError', 'std.notDataclass', { fn: 'fields', type: typeName(v) });
      return tuple(
        specs.map((f) => ({
          t: 'instance',
          cls: Field,
          dict: new Map<string, Value>([
            ['name', f.name],
            ['default', f.default ?? missing],
          ]),
        })),
      );
    }),
    is_dataclass: def('is_dataclass', 'obj', (a) => {
      const v = a.get('obj')!;
      const cls = is(v, 'class') ? v : is(v, 'instance') ? v.cls : null;
      return cls?.mro.some((c) => fields.has(c)) ?? false;
    }),
    MISSING: missing,
    KW_ONLY: KW_ONLY,
  });
  // ── enum ──
  const autoCls = nativeClass('auto', [object]);
  const Enum = nativeClass('Enum', [object], {
    __init_subclass__: { t: 'wrapped', how: 'classmethod', fn: builtin('__init_subclass__', (args) => (makeMembers(args[0] as ClassV), null)) },
    __class_getitem__: { t: 'wrapped', how: 'classmethod', fn: builtin('__class_getitem__', (args) => member(args[0] as ClassV, (m) => m.dict.get('name') === args[1], args[1] ?? null, 'KeyError')) },
    __new_instance__: builtin('Enum', (args) => member(args[0] as ClassV, (m) => equals(rt, m.dict.get('value')!, args[1] ?? null), args[1] ?? null, 'ValueError')),
  });
  const members = new WeakMap<ClassV, InstanceV[]>();
  const member = (cls: ClassV, test: (m: InstanceV) => boolean, key: Value, error: 'KeyError' | 'ValueError'): Value =>
    (members.get(cls) ?? []).find(test) ?? raise(error, 'std.noMember', { cls: cls.name, key: typeof key === 'string' ? key : typeName(key) });
  const makeMembers = (cls: ClassV): void => {
    const made: InstanceV[] = [];
    let next = 1n;
    for (const [name, v] of [...cls.dict]) {
      if (name.startsWith('_') || is(v, 'function') || is(v, 'wrapped') || is(v, 'builtin') || is(v, 'class')) continue;
      const value = is(v, 'instance') && v.cls === autoCls ? next : v;
      if (typeof value === 'bigint') next = value + 1n;
      const m: InstanceV = {
        t: 'instance',
        cls,
        dict: new Map<string, Value>([
          ['name', name],
          ['value', value],
          ['_name_', name],
          ['_value_', value],
        ]),
      };
      cls.dict.set(name, m);
      made.push(m);
    }
    members.set(cls, made);
    cls.dict.set(
      '__iter__',
      builtin('__iter__', () => refuse('code.unsupported', { what: `iter(${cls.name})` })),
    );
  };
  const enumModule = namespace('enum', {
    Enum,
    IntEnum: Enum,
    StrEnum: Enum,
    Flag: Enum,
    IntFlag: Enum,
    auto: builtin('auto', () => ({ t: 'instance', cls: autoCls, dict: NO_ATTRS })),
    unique: builtin('unique', (args) => args[0] ?? null),
  });

  // ── namedtuple, NamedTuple ──
  const tupleLike = (cls: ClassV, specs: readonly FieldSpec[]): void => {
    fields.set(cls, specs);
    const items = (self: Value) => specs.map((f) => (self as InstanceV).dict.get(f.name) ?? null);
    cls.dict.set(
      '__init__',
      builtin('__init__', (args, kwargs) => {
        initOf(cls, specs, (self, name, v) => (attrsOf(self as InstanceV).set(name, v), undefined))(args[0]!, args.slice(1), kwargs);
        return null;
      }),
    );
    cls.dict.set(
      '__iter__',
      builtin('__iter__', (args) => ({ t: 'iterator', items: items(args[0]!), i: 0 })),
    );
    cls.dict.set(
      '__len__',
      builtin('__len__', () => BigInt(specs.length)),
    );
    cls.dict.set(
      '__getitem__',
      builtin('__getitem__', (args) => rt.getitem(tuple(items(args[0]!)), args[1] ?? null)),
    );
    cls.dict.set(
      '_asdict',
      builtin('_asdict', (args) =>
        newDict(
          rt,
          specs.map((f) => [f.name, (args[0] as InstanceV).dict.get(f.name) ?? null] as const),
        ),
      ),
    );
    cls.dict.set(
      '_replace',
      builtin('_replace', (args, kwargs) => {
        const values = new Map(kwargs);
        for (const f of specs) if (!values.has(f.name)) values.set(f.name, (args[0] as InstanceV).dict.get(f.name) ?? null);
        return rt.call(cls, [], values);
      }),
    );
    cls.dict.set('_fields', tuple(specs.map((f) => f.name)));
  };
  const namedtuple = def('namedtuple', 'typename, field_names, *, rename=False, defaults=None, module=None', (a) => {
    const raw = a.get('field_names')!;
    const names =
      typeof raw === 'string'
        ? raw
            .replace(/,/g, ' ')
            .split(/\s+/)
            .filter((x) => x !== '')
        : iterate(rt, raw).map((x) => (typeof x === 'string' ? x : raise('TypeError', 'std.fieldName', { type: typeName(x) })));
    rt.charge(names.length);
    const defaults = a.get('defaults') === null ? [] : iterate(rt, a.get('defaults')!);
    if (defaults.length > names.length) return raise('TypeError', 'std.tooManyDefaults');
    const first = names.length - defaults.length;
    const cls = nativeClass(String(a.get('typename')), [object]);
    tupleLike(
      cls,
      names.map((name, i) => ({ name, init: true, kwOnly: false, ...(i >= first ? { default: defaults[i - first]! } : {}) })),
    );
    return cls;
  });
  const NamedTuple = nativeClass('NamedTuple', [object], {
    __init_subclass__: {
      t: 'wrapped',
      how: 'classmethod',
      fn: builtin('__init_subclass__', (args) => {
        const cls = args[0] as ClassV;
        tupleLike(
          cls,
          annotations(cls).map(({ name }) => ({ name, init: true, kwOnly: false, ...(cls.dict.has(name) ? { default: cls.dict.get(name)! } : {}) })),
        );
        return null;
      }),
    },
  });

  // ── namespaces of values ──
  const namespaceClass = (name: string) =>
    nativeClass(name, [object], {
      __init__: builtin('__init__', (args, kwargs) => {
        if (args.length > 1) return raise('TypeError', 'py.tooManyArgs', { fn: name, max: '0', got: String(args.length - 1) });
        for (const [k, v] of kwargs) attrsOf(args[0] as InstanceV).set(k, v);
        return null;
      }),
    });
  const SimpleNamespace = namespaceClass('SimpleNamespace');
  const argparseNamespace = namespaceClass('Namespace');

  // ── argparse ──
  // A script's command line, read as the script run without arguments (`python train.py`, a
  // notebook's `parse_args([])`, `parse_args(sys.argv[1:])`): parse_args() gives each argument its
  // default as argparse does: the first argument of a dest decides it, a set_defaults() value is
  // the default of the arguments of its dest (before or after it) and of a dest no argument has,
  // a string default goes through the argument's type, and `parents=` brings a parser's arguments.
  // What the command line must give (a positional, required=True) is data the reader does not
  // have, refused only where a layer needs it; so is any other command line.
  interface Argument {
    readonly dest: string;
    readonly type: Value | undefined;
    readonly action: Value;
    readonly commandLine: string | undefined;
    /** undefined: none given (store_true's False, else None). */
    default: Value | undefined;
  }
  interface Parser {
    readonly args: Argument[];
    readonly defaults: Map<string, Value>;
  }
  const parsers = new WeakMap<object, Parser>();
  const parserOf = (self: Value): Parser => {
    const key = self as object;
    let p = parsers.get(key);
    if (p === undefined) parsers.set(key, (p = { args: [], defaults: new Map() }));
    return p;
  };
  /** argparse's dest: `dest=`, else the first long option (`--batch-size`: batch_size), else the first short one, else the positional's name. */
  const destOf = (flags: readonly string[], kwargs: Kwargs): string => {
    const dest = kwargs.get('dest');
    if (typeof dest === 'string') return dest;
    const option = flags.find((f) => f.startsWith('--')) ?? flags.find((f) => f.startsWith('-')) ?? flags[0] ?? '';
    return option.replace(/^-+/, '').replaceAll('-', '_');
  };
  const parsedValue = (a: Argument): Value => {
    if (a.commandLine !== undefined) return rt.opaque(`the command line's ${a.commandLine}`);
    if (a.default === undefined) return a.action === 'store_true' ? false : a.action === 'store_false' ? true : null;
    return typeof a.default === 'string' && a.type !== undefined && (a.action === 'store' || a.action === 'append') ? rt.call(a.type, [a.default]) : a.default;
  };
  const noArguments = (commandLine: Value): boolean =>
    commandLine === null || (is(commandLine, 'list') && commandLine.items.length === 0) || (is(commandLine, 'opaque') && commandLine.origin.startsWith('sys.argv'));
  const parsed = (self: Value, commandLine: Value): Value => {
    if (!noArguments(commandLine)) return rt.opaque('argparse.ArgumentParser(…).parse_args(…)');
    const p = parserOf(self);
    const values = new Map<string, Value>();
    for (const a of p.args) if (!values.has(a.dest)) values.set(a.dest, parsedValue(a));
    for (const [dest, v] of p.defaults) if (!values.has(dest)) values.set(dest, v);
    rt.host.noteCommandLine([...values.keys()], rt.line);
    return rt.call(argparseNamespace, [], values);
  };
  const ArgumentParser = nativeClass('ArgumentParser', [object], {
    // description=, formatter_class=, ...: how the command line is explained, not what it gives
    __init__: builtin('__init__', (args, kwargs) => {
      const p = parserOf(args[0] ?? null);
      const parents = kwargs.get('parents');
      for (const parent of parents === undefined ? [] : iterate(rt, parents)) {
        const from = parserOf(parent);
        p.args.push(...from.args.map((a) => ({ ...a })));
        for (const [k, v] of from.defaults) p.defaults.set(k, v);
      }
      return null;
    }),
    add_argument: builtin('add_argument', (args, kwargs) => {
      const [self = null, ...given] = args;
      const p = parserOf(self);
      const flags = given.map((f) => (typeof f === 'string' ? f : refuse('code.unsupported', { what: `add_argument(${typeName(f)})` })));
      const action = kwargs.get('action') ?? 'store';
      if (action === 'help' || action === 'version') return null;
      const dest = destOf(flags, kwargs);
      const nargs = kwargs.get('nargs');
      const positional = flags.length > 0 && !flags[0]!.startsWith('-');
      const required = kwargs.get('required') === true || (positional && nargs !== '?' && nargs !== '*');
      p.args.push({
        dest,
        type: kwargs.get('type'),
        action,
        commandLine: required ? (flags[0] ?? dest) : undefined,
        default: kwargs.has('default') ? kwargs.get('default')! : p.defaults.get(dest),
      });
      return null;
    }),
    set_defaults: builtin('set_defaults', (args, kwargs) => {
      const p = parserOf(args[0] ?? null);
      for (const [dest, value] of kwargs) {
        p.defaults.set(dest, value);
        for (const a of p.args) if (a.dest === dest) a.default = value;
      }
      return null;
    }),
    // a group adds its arguments to the parser's one namespace
    add_argument_group: builtin('add_argument_group', (args) => args[0] ?? null),
    add_mutually_exclusive_group: builtin('add_mutually_exclusive_group', (args) => args[0] ?? null),
    parse_args: def('parse_args', 'self, args=None, namespace=None', (a) => parsed(a.get('self')!, a.get('args')!)),
    parse_known_args: def('parse_known_args', 'self, args=None, namespace=None', (a) => tuple([parsed(a.get('self')!, a.get('args')!), { t: 'list', items: [] }])),
    // anything else a parser does (print_help, add_subparsers, error) reads or prints the command line
    __getattr__: def('__getattr__', 'self, name', (a) => rt.opaque(`argparse.ArgumentParser(…).${String(a.get('name'))}`)),
  });

  return {
    modules: new Map<string, NamespaceV>([
      ['dataclasses', dataclasses],
      ['enum', enumModule],
      ['types', namespace('types', { SimpleNamespace })],
      ['argparse', namespace('argparse', { Namespace: argparseNamespace, ArgumentParser }, (n) => rt.opaque(`argparse.${n}`))],
    ]),
    collections: { namedtuple },
    typing: { NamedTuple },
  };
}
