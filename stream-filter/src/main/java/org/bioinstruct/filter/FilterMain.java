package org.bioinstruct.filter;

import org.bioinstruct.schemas.config.StageArgs;
import org.bioinstruct.schemas.topics.OutputSchemaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter stage: {@code FilterMain --config FILE key=value...}; only wires {@link FilterApp} to the process.
 * Exit 2 on invalid configuration, 1 if the registry does not accept the accepted or rejected topic's value schema
 * at start-up or the streams client dies; SIGTERM closes it cleanly.
 */
public final class FilterMain {
    private static final Logger LOG = LoggerFactory.getLogger(FilterMain.class);

    private FilterMain() {
    }

    public static void main(String[] args) {
        FilterSettings settings = StageArgs.parse(args, FilterSettings::from).orElse(null);
        if (settings == null) {
            System.exit(StageArgs.INVALID_CONFIG_EXIT);
            return;
        }
        FilterApp app = new FilterApp(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "filter-shutdown"));
        boolean failed;
        try {
            app.start();
            failed = !app.awaitStop();
        } catch (OutputSchemaException e) {
            LOG.error(e.getMessage());
            failed = true;
        } catch (Exception e) {
            LOG.error("filter failed: {}", e.toString(), e);
            failed = true;
        }
        app.close();
        System.exit(failed ? 1 : 0);
    }
}
