// a changed output fails with a unified diff naming notebook and cell; a hung cell times out with a thread dump
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('fail.ipynb cell[3] (id wrong): stdout differs')
assert log.contains('    | print("hello", 6 * 7)')
assert log.contains('    | Py.print("hello", 6 * 7 + 1);')
assert log.contains('--- fail.ipynb cell[3] (id wrong) stdout expected (CPython 3.13')
assert log.contains('+++ fail.ipynb cell[3] (id wrong) stdout actual (Java)')
assert log.contains('-hello 42\n+hello 43\n')
assert log.contains('fail.ipynb cell[5] (id hang): timed out after 3 s')
assert log.contains('Kernel threads at the timeout:')
assert log.contains('java.lang.Thread.State')
assert log.contains('fail.ipynb: 1 passed, 2 failed, 1 skipped')
assert log =~ /(?m)^1 passed, 2 failed, 1 skipped$/
assert log.contains('2 notebook cell(s) failed:')
def xml = new File(basedir, 'target/pyconcurrent-reports/TEST-notebooks.fail.xml').getText('UTF-8')
assert xml.contains('tests="4" errors="1" skipped="1" failures="1"')
return true
