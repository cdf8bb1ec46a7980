// Shared by the verify.groovy of the projects that must pass: the generated project, built offline on JUnit `junit`,
// passed the whole kit. `projectDir` and `junit` come from the caller.
def log = new File(projectDir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert !(log =~ /Download(ing|ed) from [^:]+: (?!file:)/) : 'a child build reached beyond the local files'
def report = new File(projectDir, 'target/surefire-reports/TEST-com.example.tide.TideConformanceTest.xml').text
assert report.contains("/junit-jupiter-api-${junit}.jar") : "the kit did not run on JUnit ${junit}"
def count = { String name -> (report =~ /<testsuite [^>]*\b${name}="(\d+)"/)[0][1].toInteger() }
assert count('tests') >= 49 && count('failures') == 0 && count('errors') == 0
// the two rules that need gaps between offsets are not applicable to consecutive ints; every other rule passed
def rows = new File(projectDir, 'target/hermes-bus-conformance').listFiles()[0].readLines().findAll { it ==~ /\| \d+\.\d+ .*/ }
assert rows.size() == count('tests')
assert rows.findAll { !it.contains('| passed |') }*.split(/\|/)*.getAt(1)*.trim() == ['3.4', '3.11']
return true
