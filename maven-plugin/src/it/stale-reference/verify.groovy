// the stored "3" is not what CPython prints for print(1 + 1): a diff and a failed build
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('stale.ipynb cell[1] (id sum): stored output is stale')
assert log.contains('--- stale.ipynb cell[1] (id sum) stored output')
assert log.contains('+++ stale.ipynb cell[1] (id sum) CPython 3.13')
assert log.contains('-3\n+2\n')
assert log.contains('stale expected outputs (re-record with mvn pyconcurrent:record)')
// the Markdown cell showing the twin (cell[0]) is what record writes: not reported
assert !log.contains('out of date')
// the notebook is not modified
assert new File(basedir, 'notebooks/stale.ipynb').getText('UTF-8').contains('"3\\n"')
return true
