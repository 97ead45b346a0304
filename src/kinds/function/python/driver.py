"""mockjudge's Python driver for function and class problems (LeetCode's shapes).

Written to the box as /box/mj_driver.py and compiled to bytecode there; the generated
/box/mj_main.py only calls main() with the problem's signature as JSON. It runs the candidate's
/box/solution.py in a module namespace holding what LeetCode's Python has without imports
(ListNode, TreeNode, typing's and collections' names, the common modules), reads the test's
arguments from stdin (one JSON value per line), calls the candidate's function (or class) in a
thread with a big stack, and writes what came back, serialised by its declared type, to
mockjudge-result.json in the working directory. The candidate's output goes to stdout untouched.

Import cost matters: a test is one process. On the image, json costs ~10 ms (it pulls in re and
enum), typing ~9 ms, collections ~5 ms, threading ~5 ms, over a ~9 ms start. So this uses the
C modules _json, _thread and marshal only, and imports the prelude's modules only when the
candidate's code names one of them (its bytecode lists every global name it looks up).
"""

import sys
import _json
import _thread
import marshal
from os import getcwd  # os is loaded at start-up already

RESULT_FILE = 'mockjudge-result.json'
SOLUTION = '/box/solution.py'  # main() is told where
NODE_CAP = 10_000_000


class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next


class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right


# --- The prelude: what LeetCode's Python offers without imports -----------------------------

MODULES = ('array', 'bisect', 'collections', 'copy', 'datetime', 'decimal', 'fractions', 'functools',
           'heapq', 'itertools', 'math', 'operator', 'random', 're', 'statistics', 'string', 'sys', 'typing')

# `from M import *` for each, in this order: a later module's name wins (collections' Counter
# over typing's). Not math: its pow would shadow the built-in three-argument pow.
STAR = (
    ('typing', (
        'Annotated Any Callable ClassVar Concatenate Final ForwardRef Generic Literal Optional ParamSpec '
        'Protocol Tuple Type TypeVar TypeVarTuple Union AbstractSet ByteString Container ContextManager '
        'Hashable ItemsView Iterable Iterator KeysView Mapping MappingView MutableMapping MutableSequence '
        'MutableSet Sequence Sized ValuesView Awaitable AsyncIterator AsyncIterable Coroutine Collection '
        'AsyncGenerator AsyncContextManager Reversible SupportsAbs SupportsBytes SupportsComplex SupportsFloat '
        'SupportsIndex SupportsInt SupportsRound ChainMap Counter Deque Dict DefaultDict List OrderedDict Set '
        'FrozenSet NamedTuple TypedDict Generator BinaryIO IO Match Pattern TextIO AnyStr assert_type '
        'assert_never cast clear_overloads dataclass_transform final get_args get_origin get_overloads '
        'get_type_hints is_typeddict LiteralString Never NewType no_type_check no_type_check_decorator '
        'NoReturn NotRequired overload ParamSpecArgs ParamSpecKwargs Required reveal_type runtime_checkable '
        'Self Text TYPE_CHECKING TypeAlias TypeGuard Unpack').split()),
    ('collections', 'ChainMap Counter OrderedDict UserDict UserList UserString defaultdict deque namedtuple'.split()),
    ('heapq', 'heappush heappop heapify heapreplace merge nlargest nsmallest heappushpop'.split()),
    ('bisect', 'bisect bisect_left bisect_right insort insort_left insort_right'.split()),
    ('itertools', (
        'accumulate chain combinations combinations_with_replacement compress count cycle dropwhile '
        'filterfalse groupby islice pairwise permutations product repeat starmap takewhile tee '
        'zip_longest').split()),
    ('functools', (
        'update_wrapper wraps WRAPPER_ASSIGNMENTS WRAPPER_UPDATES total_ordering cache cmp_to_key '
        'lru_cache reduce partial partialmethod singledispatch singledispatchmethod '
        'cached_property').split()),
)


class _Form:
    """Stands for typing's Optional, Union or Any in annotations (Optional[TreeNode]) when the
    code uses nothing else of typing, which would cost its import."""

    def __init__(self, name):
        self._name = name

    def __getitem__(self, _):
        return self

    def __or__(self, _):
        return self

    __ror__ = __or__

    def __repr__(self):
        return 'typing.' + self._name


# typing's names that annotations use most, and what stands for them without typing.
TYPING_STAND_INS = {
    'List': list, 'Dict': dict, 'Set': set, 'FrozenSet': frozenset, 'Tuple': tuple, 'Type': type,
    'Optional': _Form('Optional'), 'Union': _Form('Union'), 'Any': _Form('Any'),
}

_CodeType = type(compile('', '', 'exec'))


def _names(code, into):
    """Every name the code and the code nested in it look up (globals, attributes, imports)."""
    into.update(code.co_names)
    for const in code.co_consts:
        if type(const) is _CodeType:
            _names(const, into)


def prelude(code, namespace):
    """Puts the prelude's names into the namespace, importing only the modules the code names."""
    used = set()
    _names(code, used)
    for index, (module, names) in enumerate(STAR):
        wanted = used.intersection(names)
        if not wanted:
            continue
        if module == 'typing' and 'typing' not in used:
            later = set()
            for _, their in STAR[index + 1:]:
                later.update(their)
            if wanted <= later.union(TYPING_STAND_INS):
                for name in wanted.intersection(TYPING_STAND_INS):
                    namespace[name] = TYPING_STAND_INS[name]
                continue
        imported = __import__(module)
        for name in names:
            namespace[name] = getattr(imported, name)
    for module in MODULES:
        if module in used:
            namespace[module] = __import__(module)


# --- JSON, with the C parts of the json package (json itself costs ~10 ms to import) --------

class _Decoding:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    memo = None

    @staticmethod
    def parse_constant(name):
        raise ValueError('not JSON: ' + name)


_scan = _json.make_scanner(_Decoding())


def _unencodable(value):
    raise TypeError('cannot encode %r' % (value,))


_encode = _json.make_encoder(None, _unencodable, _json.encode_basestring_ascii, None, ':', ',', False, False, False)


JSON_SPACE = ' \t\r\n'


def parse(line):
    # The scanner starts at a value: the whitespace JSON allows around it (the judge's check of
    # an input allows it: a line ' [1,2]', or one ending in CRLF) is the driver's to skip.
    line = line.strip(JSON_SPACE)
    value, end = _scan(line, 0)
    if line[end:]:
        raise ValueError('more than one JSON value on a line')
    return value


def dumps(value):
    return ''.join(_encode(value, 0))


# --- Arguments: JSON to Python, by declared type ---------------------------------------------

def _make_list(values):
    head = None
    for value in reversed(values):
        head = ListNode(value, head)
    return head


def _make_tree(values):
    if not values:
        return None
    root = TreeNode(values[0])
    queue = [root]
    at, i, n = 0, 1, len(values)
    while i < n:
        parent = queue[at]
        at += 1
        value = values[i]
        i += 1
        if value is not None:
            parent.left = TreeNode(value)
            queue.append(parent.left)
        if i < n:
            value = values[i]
            i += 1
            if value is not None:
                parent.right = TreeNode(value)
                queue.append(parent.right)
    return root


def reader(t):
    """What turns a JSON value of type t into the candidate's argument (None: the value as parsed)."""
    if t == 'double':
        return float
    if t == 'ListNode':
        return _make_list
    if t == 'TreeNode':
        return _make_tree
    if t.endswith('[]'):
        inner = reader(t[:-2])
        if inner is not None:
            return lambda values: [inner(v) for v in values]
    return None


def read(t, value):
    convert = reader(t)
    return value if convert is None else convert(value)


# --- Results: Python to JSON, by declared type -----------------------------------------------

class Wrong(Exception):
    """A value that does not fit its declared type: the candidate's doing, a wrong answer."""

    def __init__(self, subject, rest=''):
        super().__init__()
        self.subject = subject
        self.rest = rest
        self.path = []  # the indexes into arrays, innermost first

    def message(self, who):
        at = ' at ' + ''.join('[%d]' % i for i in reversed(self.path)) if self.path else ''
        return '%s %s%s%s' % (who, self.subject, at, self.rest)


def _not(value, t):
    return Wrong(_kind(value), ', not ' + t)


def _kind(value):
    return 'None' if value is None else type(value).__name__


INF = float('inf')


def _integer(t, low, high):
    def write(value):
        if type(value) is not int:
            if not isinstance(value, int) or isinstance(value, bool):
                raise _not(value, t)
            value = int(value)
        if not low <= value <= high:
            raise Wrong('%d' % value, ', out of range for ' + t)
        return value

    return write


def _double(value):
    if type(value) is not float:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise _not(value, 'double')
        value = float(value)
    if not -INF < value < INF:
        raise Wrong('%r' % value, ', which JSON cannot hold')
    return value


def _boolean(value):
    if type(value) is not bool:
        raise _not(value, 'boolean')
    return value


def _string(value):
    if type(value) is not str:
        if not isinstance(value, str):
            raise _not(value, 'string')
        value = str(value)
    return value


def _character(value):
    if not isinstance(value, str):
        raise _not(value, 'character')
    if len(value) != 1:
        raise Wrong('a string of length %d' % len(value), ', not a character')
    return str(value)


def _each(write, values):
    out = []
    for i, value in enumerate(values):
        try:
            out.append(write(value))
        except Wrong as wrong:
            wrong.path.append(i)
            raise
    return out


def _node_value(value, what):
    try:
        return _write_integer(value)
    except Wrong as wrong:
        raise Wrong('%s whose val is %s' % (what, wrong.subject), wrong.rest) from None


def _write_list(node):
    out = []
    seen = {}  # id of each node (alive: reachable from the head) -> its position
    while node is not None:
        try:
            value, after = node.val, node.next
        except AttributeError:
            raise _not(node, 'ListNode') from None
        if id(node) in seen:
            raise Wrong('a ListNode with a cycle', ': node %d links back to node %d' % (len(out) - 1, seen[id(node)]))
        if len(out) >= NODE_CAP:
            raise Wrong('a ListNode of more than %d nodes' % NODE_CAP)
        seen[id(node)] = len(out)
        out.append(value if type(value) is int and -2 ** 31 <= value < 2 ** 31
                   else _node_value(value, 'a ListNode with node %d' % len(out)))
        node = after
    return out


def _write_tree(root):
    out = []
    queue = [root]
    seen = set()
    at = 0
    while at < len(queue):
        node = queue[at]
        at += 1
        if node is None:
            out.append(None)
            continue
        try:
            value, left, right = node.val, node.left, node.right
        except AttributeError:
            raise _not(node, 'TreeNode') from None
        if id(node) in seen:
            raise Wrong('a TreeNode that is not a tree', ': a node is reached twice')
        if len(seen) >= NODE_CAP:
            raise Wrong('a TreeNode of more than %d nodes' % NODE_CAP)
        seen.add(id(node))
        out.append(_node_value(value, 'a TreeNode with a node'))
        queue.append(left)
        queue.append(right)
    while out and out[-1] is None:
        out.pop()
    return out


_write_integer = _integer('integer', -2 ** 31, 2 ** 31 - 1)
_write_long = _integer('long', -2 ** 63, 2 ** 63 - 1)


def _bulk_integer(low, high):
    return lambda values: low <= min(values) and max(values) <= high


def _bulk_finite(values):
    total = sum(values)  # finite unless a value is not (or the sum overflows: then one by one)
    return -INF < total < INF


# Per type: how one value is written, and for arrays a fast path: when every element has the
# exact Python type and the bulk check (in C: min, max, sum) holds, the list goes out as it is.
SCALARS = {
    'integer': (_write_integer, int, _bulk_integer(-2 ** 31, 2 ** 31 - 1)),
    'long': (_write_long, int, _bulk_integer(-2 ** 63, 2 ** 63 - 1)),
    'double': (_double, float, _bulk_finite),
    'boolean': (_boolean, bool, None),
    'string': (_string, str, None),
    'character': (_character, None, None),
    'ListNode': (_write_list, None, None),
    'TreeNode': (_write_tree, None, None),
}

_writers = {}


def writer(t):
    """What turns a value the candidate's code gave into JSON of type t, or raises Wrong."""
    if t in _writers:
        return _writers[t]
    if not t.endswith('[]'):
        return SCALARS[t][0]
    inner = t[:-2]
    write = writer(inner)
    exact, bulk = SCALARS[inner][1:] if inner in SCALARS else (None, None)

    def write_array(values):
        if type(values) is not list and type(values) is not tuple:
            raise _not(values, t)
        if exact is not None and all(type(v) is exact for v in values) and (not values or bulk is None or bulk(values)):
            return list(values)  # a copy: a class's later calls may change the list it returned
        return _each(write, values)

    _writers[t] = write_array
    return write_array


def write(t, value, who):
    """The value as JSON of type t; Wrong's message names who gave it."""
    try:
        return writer(t)(value)
    except Wrong as wrong:
        raise Failed(wrong.message(who)) from None


class Failed(Exception):
    """What the result file reports as the test's error."""


# --- Running ----------------------------------------------------------------------------------

def _solution_namespace():
    module = type(sys)('solution')
    module.__file__ = SOLUTION
    sys.modules['solution'] = module
    namespace = module.__dict__
    namespace['ListNode'] = ListNode
    namespace['TreeNode'] = TreeNode
    return namespace


def _arguments():
    text = sys.stdin.buffer.read().decode('utf-8')
    return [parse(line) for line in text.split('\n') if line.strip()]


def _function(namespace, name, snake):
    solution = namespace.get('Solution')
    if isinstance(solution, type):
        instance = solution()
        for method in (name, snake):
            found = getattr(instance, method, None)
            if callable(found):
                return found
    for function in (name, snake):
        found = namespace.get(function)
        if callable(found):
            return found
    also = '' if snake == name else ' (or %s)' % snake
    if isinstance(solution, type):
        raise Failed('class Solution has no method %s%s' % (name, also))
    raise Failed('no class Solution with a method %s%s, nor a function of that name, was defined' % (name, also))


def _call_function(signature, namespace, values):
    name = signature['function']
    function = _function(namespace, name, signature['snake'])
    params = signature['params']
    arguments = [read(t, value) for (_, t), value in zip(params, values)]
    returned = function(*arguments)
    returns = signature['returns']
    result = {'returned': None if returns == 'void' else write(returns, returned, name + ' returned')}
    if signature['arguments']:
        result['arguments'] = [write(t, argument, '%s left its argument %s as' % (name, param))
                               for (param, t), argument in zip(params, arguments)]
    return result


def _call_class(signature, namespace, values):
    name = signature['class']
    calls, argument_lists = values
    cls = namespace.get(name)
    if not isinstance(cls, type):
        raise Failed('no class %s was defined' % name)
    constructor = [read(t, value) for (_, t), value in zip(signature['constructor'], argument_lists[0])]
    instance = cls(*constructor)
    methods = signature['methods']
    returned = [None]
    for call, values in zip(calls[1:], argument_lists[1:]):
        params, returns = methods[call]
        method = getattr(instance, call, None)
        if not callable(method):
            raise Failed('class %s has no method %s' % (name, call))
        value = method(*[read(t, value) for (_, t), value in zip(params, values)])
        returned.append(None if returns == 'void' else write(returns, value, '%s.%s returned' % (name, call)))
    return {'returned': returned}


def _compiled(solution):
    """The candidate's code: the bytecode py_compile wrote at compile time, else compiled now."""
    slash = solution.rfind('/') + 1
    cached = '%s__pycache__/%s.%s.pyc' % (solution[:slash], solution[slash:-3], sys.implementation.cache_tag)
    try:
        with open(cached, 'rb') as file:
            data = file.read()
        if data[:4] == sys.modules['_frozen_importlib_external'].MAGIC_NUMBER:
            return marshal.loads(data[16:])  # after the header: magic, flags, mtime, size
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
        pass
    with open(solution, 'rb') as file:
        return compile(file.read(), solution, 'exec')


def _run(signature, result_path):
    code = _compiled(SOLUTION)
    values = _arguments()
    namespace = _solution_namespace()
    prelude(code, namespace)
    exec(code, namespace)
    try:
        if 'class' in signature:
            result = _call_class(signature, namespace, values)
        else:
            result = _call_function(signature, namespace, values)
    except Failed as failed:
        result = {'error': failed.args[0]}
    text = dumps(result)
    with open(result_path, 'w') as file:
        file.write(text)


def _candidates_traceback(tb):
    """The traceback from the candidate's first frame on: the driver's own frames say nothing."""
    at = tb
    while at is not None and at.tb_frame.f_code.co_filename != SOLUTION:
        at = at.tb_next
    return at or tb


def _recursion_limits():
    """The recursion limit and the calling thread's stack size, from the memory limit, which the
    box also sets as the stack's rlimit (without one, 256 MiB). On the image's Python 3.11, a
    plain recursive call takes ~280 bytes and counts once; a call through a C function (an
    @cache'd one) ~880 bytes, ~600 of them C stack, and counts twice. One level per 768 bytes of
    memory (349,525 for 256 MiB: 174,762 @cache'd levels) lets a recursion reach the limit, and
    raise RecursionError, within 60% of the memory, and a stack of half of it holds the C frames.
    (Read from /proc: importing resource costs more.)"""
    memory = 0
    try:
        with open('/proc/self/limits') as limits:
            for line in limits:
                if line.startswith('Max stack size'):
                    soft = line.split()[3]
                    memory = int(soft) if soft.isdigit() else 0
    except OSError:
        pass
    if memory < 64 << 20:
        memory = 256 << 20
    return max(memory // 768, 10_000), memory >> 1


def main(solution, signature_json):
    global SOLUTION
    SOLUTION = solution
    signature = parse(signature_json)
    result_path = getcwd() + '/' + RESULT_FILE
    recursion_limit, stack_size = _recursion_limits()
    sys.setrecursionlimit(recursion_limit)
    _thread.stack_size(stack_size)
    done = _thread.allocate_lock()
    done.acquire()
    raised = []

    def thread():
        try:
            _run(signature, result_path)
        except SystemExit as exit:
            raised.append(exit)
        except BaseException as error:
            error.__traceback__ = _candidates_traceback(error.__traceback__)
            sys.excepthook(type(error), error, error.__traceback__)
            raised.append(SystemExit(1))
        finally:
            done.release()

    _thread.start_new_thread(thread, ())
    done.acquire()
    if raised:
        raise raised[0]
