// The generated project passed the whole kit on the JUnit its pom imports by default: the kit's own.
binding.setVariable('projectDir', new File(basedir, 'project/tidebus')) // basedir: this script's folder
binding.setVariable('junit', (new File(projectDir, 'pom.xml').text =~ /<junit.version>([^<]+)</)[0][1])
return evaluate(new File(basedir, '../passed-the-kit.groovy'))
