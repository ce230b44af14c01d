// every Java cell printed (and raised) what CPython did, through the real kernel
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('pass.ipynb: 4 passed, 0 failed, 0 skipped')
assert log =~ /(?m)^4 passed, 0 failed, 0 skipped$/
assert log.contains('BUILD SUCCESS')
def xml = new File(basedir, 'target/pyconcurrent-reports/TEST-notebooks.pass.xml').getText('UTF-8')
assert xml.contains('tests="4" errors="0" skipped="0" failures="0"')
assert xml.contains('<testcase name="cell[3] (id raises)" classname="notebooks.pass"')
return true
