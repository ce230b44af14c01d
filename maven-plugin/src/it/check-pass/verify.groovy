// every Java cell printed (and raised) what CPython did, through the real kernel
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('pass.ipynb: 4 passed, 0 failed, 0 skipped')
assert log =~ /(?m)^4 passed, 0 failed, 0 skipped$/
assert log.contains('BUILD SUCCESS')
def xml = new File(basedir, 'target/pyconcurrent-reports/TEST-notebooks.pass.xml').getText('UTF-8')
assert xml.contains('tests="4" errors="0" skipped="0" failures="0"')
assert xml.contains('<testcase name="cell[7] (id raises)" classname="notebooks.pass"')
// record put a collapsed view of each Python twin before its code cell, for Jupyter's readers
def nb = new File(basedir, 'notebooks/pass.ipynb').getText('UTF-8')
assert nb.count('"<details><summary>Python twin</summary>\\n"') == 4
assert nb.contains('"twin_of": "raises"')
return true
