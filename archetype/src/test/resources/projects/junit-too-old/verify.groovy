// On a JUnit older than the kit supports, the kit failed its class at once (no rule ran), naming the JUnit it found,
// the one it needs and how to get it, instead of a NoSuchMethodError or rules shown under their method names.
def projectDir = new File(basedir, 'project/tidebus') // basedir: this script's folder
def log = new File(projectDir, 'build.log').text
def report = new File(projectDir, 'target/surefire-reports/TEST-com.example.tide.TideConformanceTest.xml').text
assert report.contains('/junit-jupiter-api-5.11.4.jar')
def count = { String name -> (report =~ /<testsuite [^>]*\b${name}="(\d+)"/)[0][1].toInteger() }
assert count('errors') == 1 && count('failures') == 0 && count('tests') == 1
def message = 'hermes-bus-tck needs JUnit Jupiter 5.12.0 or later (5.x or 6.x), but this test runs on junit-jupiter-api 5.11.4. ' +
        'Import org.junit:junit-bom 5.12.0 or later in &lt;dependencyManagement&gt;, before io.hermesbus:hermes-bus-bom'
assert report.contains(message)
assert !report.contains('NoSuchMethodError') && !report.contains('NoClassDefFoundError')
assert !(log =~ /Download(ing|ed) from [^:]+: (?!file:)/) : 'a child build reached beyond the local files'
return true
