package io.switchboard.console;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.PWA;

/** Application shell: server push on, so views update live without polling. */
@Push
@Meta(name = "description", content = "Switchboard operations console")
@PWA(
    name = "Switchboard",
    shortName = "Switchboard",
    offlineResources = {})
public class ConsoleAppShell implements AppShellConfigurator {}
