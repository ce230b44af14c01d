// record wrote CPython's outputs, verify-reference agreed, render made the HTML
def nb = new File(basedir, 'notebooks/greeting.ipynb').getText('UTF-8')
assert nb.contains('"text": [\n      "hello 42\\n"')
assert nb.contains('"ename": "ValueError"')
assert nb.contains('"python_version": "3.13')
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('greeting.ipynb: references match CPython 3.13')
assert log.contains('pyconcurrent:record')
def html = new File(basedir, 'target/tutorials/greeting.html').getText('UTF-8')
assert html.contains('<title>Greeting</title>')
assert html.contains('<pre>hello 42</pre>')
assert new File(basedir, 'target/tutorials/index.html').getText('UTF-8').contains('href="greeting.html"')
return true
