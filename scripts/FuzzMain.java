import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one Jazzer {@code @FuzzTest} method through the JUnit Platform in a plain JVM, for {@code scripts/fuzz.sh}.
 *
 * <p>Why not surefire: a short fuzz run is 8 s of fuzzing, and starting Maven and surefire for each of ~45 targets
 * cost about 25 s more per target, which made the fuzz step most of CI's time. The script asks Maven once per
 * module for the test classpath and then starts this class directly, in the module's directory as surefire would,
 * with the same JVM flags ({@code mediapath.test.argLine}) and the same {@code JAZZER_*} environment.
 *
 * <p>Usage: {@code java -cp <test classpath> FuzzMain fully.qualified.Class#method}. Exit status 0 when the target ran
 * and passed, 1 when it failed (a finding), 2 when the target was not found or nothing ran or passed.
 */
public final class FuzzMain {
  private FuzzMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1 || !args[0].contains("#")) {
      System.err.println("usage: FuzzMain fully.qualified.Class#method");
      System.exit(2);
    }
    String className = args[0].substring(0, args[0].indexOf('#'));
    String methodName = args[0].substring(args[0].indexOf('#') + 1);
    Class<?> testClass = Class.forName(className);
    // Fuzz methods take parameters, so a selector by name alone (which means "no parameters") would not find them.
    List<Method> matches = Arrays.stream(testClass.getDeclaredMethods())
        .filter(m -> m.getName().equals(methodName))
        .toList();
    if (matches.size() != 1) {
      System.err.println("FuzzMain: " + args[0] + " names " + matches.size() + " methods; expected exactly one");
      System.exit(2);
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(DiscoverySelectors.selectMethod(testClass, matches.get(0)))
        .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    PrintWriter out = new PrintWriter(System.out, true);
    summary.printTo(out);
    summary.printFailuresTo(out, 50);
    // A disabled target, or one aborted by an assumption, fails nothing but fuzzed nothing either.
    if (summary.getTestsStartedCount() == 0
        || summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() == 0) {
      System.err.println("FuzzMain: " + args[0] + " ran no test");
      System.exit(2);
    }
    System.exit(summary.getTotalFailureCount() == 0 ? 0 : 1);
  }
}
