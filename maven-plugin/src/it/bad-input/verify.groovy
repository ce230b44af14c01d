// a malformed notebook fails alone, with where it breaks; the other still runs; the build fails at the end
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[ERROR] notebook broken.ipynb: not valid JSON at line 4, column 1')
assert log.contains('good.ipynb: 1 passed, 0 failed, 0 skipped')
assert log =~ /(?m)^1 passed, 0 failed, 0 skipped, 1 notebook\(s\) could not be read$/
assert log.contains('1 notebook(s) could not be read:')
assert new File(basedir, 'target/pyconcurrent-reports/TEST-notebooks.good.xml').exists()
// and the broken one is reported like a test class that cannot load: one test, in error
def broken = new File(basedir, 'target/pyconcurrent-reports/TEST-notebooks.broken.xml').getText('UTF-8')
assert broken.contains('tests="1" errors="1" skipped="0" failures="0"')
assert broken.contains('<error message="notebook broken.ipynb: not valid JSON at line 4, column 1"')
// -Dpyconcurrent.includes matching nothing fails (failIfNoNotebooks)
assert log.contains('No notebooks match typo.ipynb in ')
assert log.contains('(-Dpyconcurrent.failIfNoNotebooks=false allows it)')
// no raw parser text reaches the user
assert !log.contains('JsonEOFException')
assert !log.contains('Unexpected end-of-input')
return true
